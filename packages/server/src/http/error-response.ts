// The body of every refusal, as a schema: the OpenAPI document carries it as `ErrorResponse`, so the SDK's
// `ErrorCode` union is generated from errors/error-codes.ts and cannot drift from it.
import { z } from "zod";
import { errorCodes } from "../errors/error-codes.ts";

export const ErrorResponse = z.object({
  error: z.object({
    // INTERNAL is the 500 answer: never thrown by a use case, so not in the list of refusals.
    code: z.enum([...errorCodes, "INTERNAL"]),
    message: z.string(),
    details: z.record(z.string(), z.unknown()),
  }),
});
export type ErrorResponse = z.infer<typeof ErrorResponse>;

/** The schema as an OpenAPI component, for the document's `components.schemas`. */
export const errorResponseComponent = z.toJSONSchema(ErrorResponse, { target: "openapi-3.0" });
