-- Command side: a webhook's tenant is found through the Xero connection now (docs/decisions.md "Xero sync log,
-- schedule and webhooks"), so the stand-in table of V15 goes, and the connection is looked up by tenant.
drop table xero_tenant_org;

create index xero_connection_tenant_idx on xero_connection (tenant_id) where status = 'connected';
