// The region list and a shopper's address book.
import { z } from "zod";
import type { AppDeps } from "../../deps.ts";
import { currentUserId } from "../../http/authenticate.ts";
import { IdParams, singleLine } from "../../http/input-types.ts";
import type { App } from "../../http/types.ts";
import { regions } from "../../lib/regions.ts";
import { createAddress, deleteAddress, getAddresses, updateAddress } from "./service.ts";

const AddressBody = z.strictObject({
  name: singleLine(1, 20),
  phone: z
    .string()
    .trim()
    .regex(/^(1\d{10}|0\d{2,3}-?\d{7,8})$/, "a mobile or landline number"),
  provinceCode: z.string().regex(/^\d{6}$/),
  cityCode: z.string().regex(/^\d{6}$/),
  districtCode: z.string().regex(/^\d{6}$/),
  detail: singleLine(2, 120),
  isDefault: z.boolean().default(false),
});
const AddressResponse = z.object({
  id: z.number(),
  name: z.string(),
  phone: z.string(),
  provinceCode: z.string(),
  cityCode: z.string(),
  districtCode: z.string(),
  regionText: z.string(),
  detail: z.string(),
  isDefault: z.boolean(),
});
const District = z.object({ code: z.string(), name: z.string() });
const City = District.extend({ children: z.array(District) });
const Province = District.extend({ children: z.array(City) });

export function registerAddressRoutes(app: App, deps: AppDeps): void {
  const tags = ["shopper: addresses"];
  const auth = { auth: "user" } as const;
  // About 150 KB once gzip-free; the shop fetches it only when the address form opens, and it changes
  // with a release, so clients may keep it for a day.
  app.get(
    "/api/v1/regions",
    { schema: { tags, response: { 200: z.array(Province) } } },
    async (_request, reply) => {
      reply.header("cache-control", "public, max-age=86400");
      return regions.map((p) => ({
        ...p,
        children: p.children.map((c) => ({
          ...c,
          children: c.children.map(({ code, name }) => ({ code, name })),
        })),
      }));
    },
  );
  app.get(
    "/api/v1/addresses",
    { config: auth, schema: { tags, response: { 200: z.array(AddressResponse) } } },
    async (request) => getAddresses(deps.db, currentUserId(request)),
  );
  app.post(
    "/api/v1/addresses",
    { config: auth, schema: { tags, body: AddressBody, response: { 201: AddressResponse } } },
    async (request, reply) =>
      reply.status(201).send(await createAddress(deps.db, currentUserId(request), request.body)),
  );
  app.put(
    "/api/v1/addresses/:id",
    {
      config: auth,
      schema: { tags, params: IdParams, body: AddressBody, response: { 200: AddressResponse } },
    },
    async (request) => updateAddress(deps.db, currentUserId(request), request.params.id, request.body),
  );
  app.delete(
    "/api/v1/addresses/:id",
    { config: auth, schema: { tags, params: IdParams, response: { 204: z.null() } } },
    async (request, reply) => {
      await deleteAddress(deps.db, currentUserId(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
