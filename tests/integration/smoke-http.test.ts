import { describe, expect, it } from "vitest";
import { call } from "./http";
import { addMember, makeClientAccount, makeOrganization, makeUser } from "./factories";

describe("the app through its request handler", () => {
  it("serves a client account page to its team and 404s it to a member not on the team", async () => {
    const org = await makeOrganization("Agency A");
    const client = await makeClientAccount(org, "Brand A");
    const planner = await makeUser("planner");
    const outsider = await makeUser("outsider");
    await addMember(org, planner, "member", { id: client.id, role: "planner" });
    await addMember(org, outsider, "member");
    const ok = await call(`/o/${org.slug}/clients/${client.id}`, { cookie: planner.cookie });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain("Brand A");
    const hidden = await call(`/o/${org.slug}/clients/${client.id}`, { cookie: outsider.cookie });
    expect(hidden.status).toBe(404);
    expect(await hidden.text()).not.toContain("Brand A");
  });
});
