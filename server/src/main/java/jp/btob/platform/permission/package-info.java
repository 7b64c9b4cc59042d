/**
 * Who may do what (SEC-RBAC): the built-in roles, a user's effective permissions (roles, plus
 * personal grants, minus personal denials), and the one gate that holds every API operation to
 * the permission its spec declares in {@code x-permission}.
 */
package jp.btob.platform.permission;
