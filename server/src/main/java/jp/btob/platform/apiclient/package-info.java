/**
 * API clients for ERP integration (SEC-RBAC, SEC-IP): a company's machine callers. Their
 * administrators create them with scopes (function permissions), rotate their secrets with an
 * overlap and revoke them; a request that sends a client's secret as its bearer token is
 * authenticated as that client, a {@link jp.btob.platform.permission.Caller} of its company.
 */
package jp.btob.platform.apiclient;
