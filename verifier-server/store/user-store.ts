/** Times are Unix seconds throughout the store. */
export interface Organisation {
  readonly id: number;
  readonly name: string;
  readonly requireTwoFactor: boolean;
}

export interface User {
  readonly id: number;
  readonly organisationId: number;
  readonly username: string;
  readonly email: string;
  readonly mobile: string | null;
  readonly passwordHash: string;
  readonly failedAttempts: number;
  /** No code is checked before this time (the growing delay). */
  readonly throttleUntil: number;
  readonly locked: boolean;
}

export interface UserWithOrganisation extends User {
  readonly requireTwoFactor: boolean;
  readonly organisationName: string;
}

export interface NewUser {
  readonly organisationId: number;
  readonly username: string;
  readonly email: string;
  readonly mobile: string | null;
  readonly passwordHash: string;
}

/** Organisations and users (tables `organisations`, `users`). */
export interface UserStore {
  createOrganisation(name: string, requireTwoFactor: boolean): Promise<Organisation>;
  findOrganisation(name: string): Promise<Organisation | null>;
  setRequireTwoFactor(organisationId: number, required: boolean): Promise<void>;
  listOrganisations(): Promise<Organisation[]>;

  createUser(user: NewUser): Promise<User>;
  findUserByName(username: string): Promise<UserWithOrganisation | null>;
  getUser(id: number): Promise<UserWithOrganisation | null>;
  listUsers(): Promise<UserWithOrganisation[]>;
  countUsers(): Promise<number>;
  setMobile(userId: number, mobile: string | null): Promise<void>;
  /**
   * A new password and what it implies, in one transaction (SECURITY #18): every remembered browser
   * is revoked and every session but `keepSessionHash` (the one that changed it, if any) ends.
   */
  changePassword(userId: number, passwordHash: string, keepSessionHash: string | null): Promise<void>;
}
