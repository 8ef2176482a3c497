import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.join(__dirname, '../../..');
const read = (file: string): string => fs.readFileSync(path.join(ROOT, file), 'utf8');

/** Variables of src/config.ts's schema (the keys of `z.object({ ... })`). */
function configVariables(): string[] {
  const source = read('src/config.ts');
  const schema = source.slice(source.indexOf('const schema = z.object({'), source.indexOf('});', source.indexOf('const schema = z.object({')));
  return [...schema.matchAll(/^\s{2}([A-Za-z_]+):/gm)].map((match) => match[1]!);
}

/** Where Docker is not available, the Dockerfile and the Bicep files are checked as text. */
describe('deployment artifacts (Blob storage on Azure)', () => {
  it('builds a slim, non-root image on the Node LTS of App Service with a health check and no downloads beyond npm', () => {
    const dockerfile = read('Dockerfile');
    const froms = [...dockerfile.matchAll(/^FROM (\S+)/gm)].map((match) => match[1]);
    expect(froms.every((image) => image === 'node:24-slim')).toBe(true);
    expect(read('infra/main.bicep')).toMatch(/linuxFxVersion: 'NODE\|24-lts'/);
    expect((JSON.parse(read('package.json')) as { engines: { node: string } }).engines.node).toMatch(/>=24$/);
    expect(dockerfile).toMatch(/^RUN npm ci\b/m);
    expect(dockerfile).toMatch(/npm run build && npm prune --omit=dev/);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK [\s\S]*\/healthz/m);
    expect(dockerfile).not.toMatch(/\b(curl|wget|ADD https?:)/);
    expect(read('.dockerignore').split('\n')).toEqual(expect.arrayContaining(['node_modules', 'dist', '.env', 'data']));
  });

  it('sets every configuration variable from a Bicep parameter, and every parameter has a value', () => {
    const bicep = read('infra/main.bicep');
    const params = [...bicep.matchAll(/^param (\w+)/gm)].map((match) => match[1]);
    const values = Object.keys((JSON.parse(read('infra/main.parameters.json')) as { parameters: object }).parameters);
    expect(params.filter((param) => param !== 'location').sort()).toEqual(values.sort());
    const settings = new Set([...bicep.matchAll(/name: '([A-Za-z_]+)'/g)].map((match) => match[1]));
    const secrets = bicep.slice(bicep.indexOf('var secretValues = {'), bicep.indexOf('}', bicep.indexOf('var secretValues = {')));
    for (const [, name] of secrets.matchAll(/^\s+(\w+):/gm)) settings.add(name);
    // No SQLite on App Service; the account URL with managed identity replaces the connection string.
    const notOnAzure = ['SQLITE_PATH', 'AZURE_STORAGE_CONNECTION_STRING'];
    expect(configVariables()).toEqual(expect.arrayContaining(['STORAGE', 'AZURE_STORAGE_ACCOUNT_URL', 'PARTNER_CENTER_REFRESH_TOKEN', ...notOnAzure]));
    expect(configVariables().filter((name) => !settings.has(name) && !notOnAzure.includes(name))).toEqual([]);
    expect(bicep).toMatch(/name: 'STORAGE', value: 'blob'/);
  });

  it('provisions with the Bicep and deploys with the Agents Toolkit', () => {
    const yml = read('m365agents.yml');
    expect(yml).toMatch(/path: \.\/infra\/main\.bicep/);
    expect(yml).toMatch(/parameters: \.\/infra\/main\.parameters\.json/);
    expect(yml).toMatch(/manifestPath: \.\/appPackage\/manifest\.json/);
    expect(yml).toMatch(/uses: azureAppService\/zipDeploy/);
  });
});
