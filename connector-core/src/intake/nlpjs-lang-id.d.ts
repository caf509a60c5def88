// The part of nlp.js's Indonesian language package Leadwire uses (the package ships no types).
declare module '@nlpjs/lang-id' {
  export class StemmerId {
    /** The word without its Indonesian (and Malay) prefixes and suffixes. */
    stemWord(word: string): string;
  }
}
