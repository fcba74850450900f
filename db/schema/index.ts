export * from "./users";
export * from "./organizations";
export * from "./client-accounts";
export * from "./invitations";
export * from "./activity";
export * from "./catalog";
export * from "./campaigns";
export * from "./collaboration";
