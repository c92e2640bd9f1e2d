-- Query side: why the last push of a type to Xero failed (Xero's messages joined by "; "), null when it succeeded or
-- none was due. Set by the activity_types projection from the xero-push-failed / xero-pushed events.
alter table activity_types add column xero_push_error text;
