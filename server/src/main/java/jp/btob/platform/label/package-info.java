/**
 * Data classification (SEC-LABEL): each company's vocabulary of tags, and the labels each company
 * puts on the documents it is a party to, its own and never shown to the other party; the search
 * of kept documents filters on them (SVC-BOOK).
 */
package jp.btob.platform.label;
