#include "api/organizationparser.h"

using namespace Qt::StringLiterals;

namespace Api::Parsers {

Core::Organization readOrganization(JsonReader &r)
{
    Core::Organization o;
    r.require("name");
    o.id = r.string("id");
    o.name = r.string("name");
    o.billingEmail = r.string("billing_email");
    o.plan = r.string("plan");
    o.ssoPortalUrl = r.string("sso_portal_url");
    o.invoiceBudgetAmount = r.string("invoice_budget_amount");
    o.databaseCount = r.integer("database_count");
    o.keyspaceShardLimit = r.integer("keyspace_shard_limit");
    o.freeDatabasesRemaining = r.optionalInteger("free_databases_remaining");
    o.hasPastDueInvoices = r.optionalBoolean("has_past_due_invoices");
    o.validBillingInfo = r.boolean("valid_billing_info");
    o.sso = r.boolean("sso");
    o.ssoDirectory = r.boolean("sso_directory");
    o.singleTenancy = r.boolean("single_tenancy");
    o.managedTenancy = r.boolean("managed_tenancy");
    o.idpManagedRoles = r.boolean("idp_managed_roles");
    o.hasCard = r.boolean("has_card");
    o.paymentInfoRequired = r.boolean("payment_info_required");
    o.createdAt = r.dateTime("created_at");
    o.updatedAt = r.dateTime("updated_at");
    return o;
}

Core::Result<Core::Organization> parseOrganization(const QJsonValue &json)
{
    return readObject<Core::Organization>(json, u"organization"_s, readOrganization);
}

} // namespace Api::Parsers
