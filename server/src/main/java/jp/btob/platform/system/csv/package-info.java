/** CSV files for spreadsheets: quoting and formula neutralisation, one rule for every export. */
package jp.btob.platform.system.csv;
