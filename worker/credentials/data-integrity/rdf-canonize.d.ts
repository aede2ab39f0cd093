/** The part of rdf-canonize's API used here (the package ships no type declarations). */
declare module 'rdf-canonize' {
  export function canonize(
    input: unknown,
    options: { algorithm: 'RDFC-1.0'; maxWorkFactor?: number; format?: 'application/n-quads' },
  ): Promise<string>;
}
