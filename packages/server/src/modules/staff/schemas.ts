// The contract of staff login and staff management.
import { z } from "zod";
import { staffRoles } from "../../db/schema/accounts.ts";
import { IdParams, singleLine, somethingToUpdate } from "../../http/input-types.ts";

export const StaffRole = z.enum(staffRoles);

export const StaffLoginBody = z.strictObject({
  username: z.string().trim().min(1).max(40),
  password: z.string().min(1).max(72),
});

export const StaffResponse = z.object({
  id: z.number().int(),
  username: z.string(),
  name: z.string(),
  role: StaffRole,
  disabled: z.boolean(),
  createdAt: z.string(),
});

export const StaffMeResponse = StaffResponse.extend({ permissions: z.array(z.string()) });
export const StaffSessionResponse = z.object({ token: z.string(), staff: StaffMeResponse });

export const CreateStaffBody = z.strictObject({
  username: z
    .string()
    .trim()
    .regex(/^[a-zA-Z0-9_.-]{3,40}$/, "3-40 letters, digits, dot, dash or underscore"),
  name: singleLine(1, 40),
  role: StaffRole,
  password: z.string().min(8).max(72),
});

export const UpdateStaffBody = somethingToUpdate(
  z.strictObject({
    name: singleLine(1, 40).optional(),
    role: StaffRole.optional(),
    disabled: z.boolean().optional(),
    password: z.string().min(8).max(72).optional(),
  }),
);

export const StaffIdParams = IdParams;
export const RolesResponse = z.array(z.object({ role: StaffRole, permissions: z.array(z.string()) }));
