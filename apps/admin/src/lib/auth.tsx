// Who is signed in: the staff member from /me with their permissions; login, logout and the lost-session path.
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { api, call, setSessionLostHandler } from "./api.ts";
import { readToken, writeToken } from "./session.ts";

export type StaffRole = "owner" | "operator" | "finance" | "support";
export type Me = { id: number; username: string; name: string; role: StaffRole; permissions: string[] };

type Auth = {
  me: Me | null;
  /** True until the stored token has been checked against /me. */
  checking: boolean;
  can: (permission: string) => boolean;
  login: (username: string, password: string) => Promise<void>;
  logout: () => Promise<void>;
};
const AuthContext = createContext<Auth | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [checking, setChecking] = useState(() => readToken() !== null);

  const forget = useCallback(() => {
    writeToken(null);
    setMe(null);
  }, []);

  useEffect(() => {
    setSessionLostHandler(forget);
    if (!readToken()) return;
    call(api.GET("/api/admin/v1/me"))
      .then(setMe)
      .catch(forget)
      .finally(() => setChecking(false));
  }, [forget]);

  const login = useCallback(async (username: string, password: string) => {
    const result = await call(api.POST("/api/admin/v1/auth/login", { body: { username, password } }));
    writeToken(result.token);
    setMe(result.staff);
  }, []);

  const logout = useCallback(async () => {
    await call(api.POST("/api/admin/v1/auth/logout")).catch(() => undefined);
    forget();
  }, [forget]);

  const value = useMemo<Auth>(
    () => ({ me, checking, can: (p) => me?.permissions.includes(p) ?? false, login, logout }),
    [me, checking, login, logout],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const context = useContext(AuthContext);
  if (!context) throw new Error("useAuth outside AuthProvider");
  return context;
}
