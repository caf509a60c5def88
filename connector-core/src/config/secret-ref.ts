// A secret in the config file: never its value, only `env:NAME`, the environment variable that holds it.
import { z } from 'zod';

/** A secret: the name of the environment variable that holds it, as `env:NAME`. */
export const secretRef = z
  .string()
  .regex(
    /^env:[A-Za-z_][A-Za-z0-9_]*$/,
    'secrets are written as env:NAME (the variable that holds the value)',
  );
