// Who is shopping: the token in localStorage and the profile from GET /api/v1/me, shared by every screen.
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { api, call, setSessionLostHandler } from "./api.ts";
import { readToken, writeToken } from "./storage.ts";
import type { Session, User } from "./types.ts";

type Auth = {
  user: User | null;
  /** True while a stored token is being checked at start-up. */
  checking: boolean;
  signedIn: boolean;
  signIn: (session: Session) => void;
  /** The profile after a change (a new phone). */
  refreshUser: (user: User) => void;
  signOut: () => Promise<void>;
};

const AuthContext = createContext<Auth | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [token, setToken] = useState<string | null>(readToken);
  const [user, setUser] = useState<User | null>(null);
  const [checking, setChecking] = useState<boolean>(() => readToken() !== null);

  const forget = useCallback(() => {
    writeToken(null);
    setToken(null);
    setUser(null);
  }, []);

  useEffect(() => setSessionLostHandler(forget), [forget]);

  useEffect(() => {
    if (!token || user) return;
    setChecking(true);
    call(api.GET("/api/v1/me"))
      .then(setUser)
      .catch(() => undefined)
      .finally(() => setChecking(false));
  }, [token, user]);

  const signIn = useCallback((session: Session) => {
    writeToken(session.token);
    setToken(session.token);
    setUser(session.user);
  }, []);

  const signOut = useCallback(async () => {
    await call(api.POST("/api/v1/auth/logout")).catch(() => undefined);
    forget();
  }, [forget]);

  const value = useMemo(
    () => ({ user, checking, signedIn: token !== null, signIn, signOut, refreshUser: setUser }),
    [user, checking, token, signIn, signOut],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const context = useContext(AuthContext);
  if (!context) throw new Error("useAuth outside AuthProvider");
  return context;
}
