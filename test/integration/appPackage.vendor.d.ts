// Minimal declarations for the parts of adm-zip and pngjs that appPackage.test.ts uses:
// neither package ships its own types and no @types packages are installed.
declare module 'adm-zip' {
  interface ZipEntry {
    entryName: string;
    getData(): Buffer;
  }
  export default class AdmZip {
    constructor(zipPath?: string);
    getEntries(): ZipEntry[];
  }
}

declare module 'pngjs' {
  interface DecodedPng {
    width: number;
    height: number;
    data: Buffer;
  }
  export const PNG: {
    sync: { read(data: Buffer): DecodedPng };
  };
}
