package jp.btob.platform.invoice;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import jp.btob.platform.api.model.PaymentMethod;

/** A payment the issuer received for an invoice: yen, the day it was paid, and how. */
record Payment(long amount, LocalDate paidOn, PaymentMethod method) {

    /** The payment as the invoice's {@code payments} column and its history keep it. */
    Map<String, Object> fields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("amount", amount);
        fields.put("paidOn", paidOn.toString());
        fields.put("method", method.getValue());
        return fields;
    }

    static Payment of(Map<String, Object> fields) {
        return new Payment(((Number) fields.get("amount")).longValue(), LocalDate.parse((String) fields.get("paidOn")),
                PaymentMethod.fromValue((String) fields.get("method")));
    }
}
