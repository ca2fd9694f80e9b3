// stopword ships no types; only the lists citebot uses are declared.
declare module "stopword" {
  export const eng: string[];
  export const hin: string[];
}
