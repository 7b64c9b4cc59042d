package jp.btob.platform.invoice.pint;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.xml.transform.stream.StreamSource;

import com.helger.diagnostics.error.IError;
import com.helger.phive.api.execute.ValidationExecutionManager;
import com.helger.phive.api.executorset.IValidationExecutorSet;
import com.helger.phive.api.executorset.ValidationExecutorSetRegistry;
import com.helger.phive.api.result.ValidationResultList;
import com.helger.phive.api.validity.IValidityDeterminator;
import com.helger.phive.peppol.PeppolValidationPint;
import com.helger.phive.peppol.PeppolValidationPintJP;
import com.helger.phive.xml.source.IValidationSourceXML;
import com.helger.phive.xml.source.ValidationSourceXML;
import com.helger.ubl21.UBL21Marshaller;
import com.helger.xml.serialize.read.DOMReader;
import org.w3c.dom.Document;

import static org.assertj.core.api.Assertions.assertThat;

/** The official Peppol JP PINT billing rules (UBL 2.1 schema, then the PINT and Japanese Schematron). */
public final class PintRules {

    private static final IValidationExecutorSet<IValidationSourceXML> JP_PINT_INVOICE;

    static {
        ValidationExecutorSetRegistry<IValidationSourceXML> registry = new ValidationExecutorSetRegistry<>();
        // The Japanese rules' older versions build on the generic PINT ones, so those register first.
        PeppolValidationPint.init(registry);
        PeppolValidationPintJP.init(registry);
        JP_PINT_INVOICE = registry.getOfID(PeppolValidationPintJP.VID_OPENPEPPOL_JP_PINT_INVOICE_1_1_2);
    }

    private PintRules() {
    }

    /** Fails unless the XML is a valid UBL 2.1 invoice without a single JP PINT error; answers the warnings. */
    public static List<String> assertValid(byte[] xml) {
        assertThat(JP_PINT_INVOICE).as("JP PINT invoice rules 1.1.2").isNotNull();
        try {
            UBL21Marshaller.invoice().getSchema().newValidator().validate(new StreamSource(new ByteArrayInputStream(xml)));
        } catch (Exception invalid) {
            throw new AssertionError("Not a valid UBL 2.1 invoice: " + invalid.getMessage(), invalid);
        }
        Document document = DOMReader.readXMLDOM(xml);
        ValidationResultList results = ValidationExecutionManager.executeValidation(
                IValidityDeterminator.createDefault(), JP_PINT_INVOICE, ValidationSourceXML.create("invoice.xml", document));
        List<String> errors = describe(results.getAllErrors());
        assertThat(errors).as("JP PINT errors in%n%s", new String(xml, StandardCharsets.UTF_8)).isEmpty();
        return describe(results.getAllFailures().getSubList(failure -> !failure.isError()));
    }

    private static List<String> describe(Iterable<IError> failures) {
        List<String> described = new ArrayList<>();
        failures.forEach(failure -> described.add(failure.getErrorLevel() + " " + failure.getErrorID() + ": "
                + failure.getErrorText(Locale.ENGLISH)));
        return described;
    }
}
