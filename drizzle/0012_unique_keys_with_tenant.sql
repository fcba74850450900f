-- Every unique constraint of a tenant table includes organization_id (the precondition for distributing by tenant;
-- tests/integration/schema-preconditions.test.ts). client_accounts_id_unique backed no foreign key, no ON CONFLICT and no query.
ALTER TABLE "client_accounts" DROP CONSTRAINT "client_accounts_id_unique";--> statement-breakpoint
ALTER TABLE "invitations" DROP CONSTRAINT "invitations_token_hash_unique";--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_token_hash_organization_id_unique" UNIQUE("token_hash","organization_id");