package jp.btob.examples.erpsync;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jp.btob.client.BtobClient;
import jp.btob.client.ConflictException;
import jp.btob.client.InvalidRequestException;
import jp.btob.client.Pages;
import jp.btob.client.model.Invoice;
import jp.btob.client.model.Me;
import jp.btob.client.model.Order;
import jp.btob.client.model.OrderConfirmation;
import jp.btob.client.model.OrderCreate;
import jp.btob.client.model.OrderPage;
import jp.btob.client.model.OrderStatus;
import jp.btob.client.model.PartnerConnection;
import jp.btob.client.model.TaxCategory;
import jp.btob.client.model.TradeLineInput;

/**
 * A seller's ERP keeping step with the platform: it reads the orders received since a checkpoint,
 * confirms the new ones, invoices the inspected ones, and saves the checkpoint for the next run.
 *
 * <pre>
 * sync        [checkpoint file, default erp-sync.checkpoint]   as the seller
 * demo-order                                                  as the demo buyer: places an order to sync
 * </pre>
 *
 * <p>Settings, from the environment: {@code BTOB_BASE_URL} (default {@code https://localhost:8443}),
 * {@code BTOB_CA} (the demo server's certificate, default {@code ~/.btob-platform/tls/localhost.crt}),
 * and either {@code BTOB_API_CLIENT_ID} with {@code BTOB_API_CLIENT_SECRET} (an API client with the
 * scopes {@code order:read}, {@code order:confirm} and {@code invoice:issue}), or {@code BTOB_LOGIN_ID}
 * with {@code BTOB_PASSWORD} (default the demo's {@code seller-admin}).
 *
 * <p>Run it twice: the second run finds nothing new to do. Every step is safe to repeat: a confirmation
 * carries the order's version as {@code If-Match}, an invoice its own {@code Idempotency-Key}, and the
 * platform refuses to invoice a line twice.
 */
public final class ErpSync {

    private static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");
    /** Orders not finished yet: the checkpoint stays at the oldest of them, so the next run reads them again. */
    private static final Set<OrderStatus> OPEN = Set.of(OrderStatus.PLACED, OrderStatus.CONFIRMED,
            OrderStatus.PARTIALLY_SHIPPED, OrderStatus.SHIPPED);

    private ErpSync() {
    }

    public static void main(String[] args) throws IOException {
        String command = args.length > 0 ? args[0] : "sync";
        switch (command) {
            case "sync" -> sync(client(env("BTOB_LOGIN_ID", "seller-admin")),
                    Path.of(args.length > 1 ? args[1] : "erp-sync.checkpoint"));
            case "demo-order" -> demoOrder(client("buyer-admin"));
            default -> {
                System.err.println("usage: ErpSync sync [checkpoint-file] | demo-order");
                System.exit(2);
            }
        }
    }

    /** Confirms what was placed and invoices what was inspected, from the checkpoint's date on. */
    static void sync(BtobClient client, Path checkpointFile) throws IOException {
        LocalDate since = readCheckpoint(checkpointFile);
        System.out.println("Orders received since " + since);
        LocalDate oldestOpen = null;
        LocalDate newest = since;
        Pages<Order> received = Pages.of(
                cursor -> client.orders().listOrders("received", null, null, since, null, null, null, cursor, 100),
                OrderPage::getItems, OrderPage::getPage);
        for (Order order : received) {
            Order now = order;
            if (order.getStatus() == OrderStatus.PLACED) {
                now = client.orders().confirmOrder(order.getId(), new OrderConfirmation(), etag(order)).block();
                System.out.println("confirmed  " + order.getTitle() + " (" + order.getId() + ")");
            } else if (order.getStatus() == OrderStatus.INSPECTED) {
                invoice(client, order);
            }
            if (OPEN.contains(now.getStatus()) && (oldestOpen == null || now.getOrderDate().isBefore(oldestOpen))) {
                oldestOpen = now.getOrderDate();
            }
            if (order.getOrderDate().isAfter(newest)) {
                newest = order.getOrderDate();
            }
        }
        LocalDate next = oldestOpen != null ? oldestOpen : newest;
        writeCheckpoint(checkpointFile, next);
        System.out.println("Checkpoint saved: " + next);
    }

    private static void invoice(BtobClient client, Order order) {
        try {
            // The SDK sends a fresh Idempotency-Key, and the same one on each of its retries.
            Invoice invoice = client.invoices().invoiceOrder(order.getId(), null).block();
            System.out.println("invoiced   " + order.getTitle() + " as " + invoice.getId());
        } catch (ConflictException alreadyInvoiced) {
            System.out.println("skipped    " + order.getTitle() + ": " + alreadyInvoiced.getDetail());
        } catch (InvalidRequestException nothingLeft) {
            System.out.println("skipped    " + order.getTitle() + ": " + nothingLeft.getDetail());
        }
    }

    /** As the demo buyer, places an order with the demo seller, for {@code sync} to find. */
    static void demoOrder(BtobClient buyer) {
        Me me = buyer.me().getMe().block();
        List<PartnerConnection> partners = buyer.partners().listPartners(me.getCompany().getCompanyId(), null, null, null)
                .block().getItems();
        UUID seller = partners.stream().filter(connection -> "SELR-0001".equals(connection.getPartner().getCode()))
                .findFirst().orElseThrow(() -> new IllegalStateException("The demo buyer has no partner SELR-0001"))
                .getPartner().getCompanyId();
        List<TradeLineInput> lines = new ArrayList<>(List.of(
                new TradeLineInput().description("コピー用紙 A4 500枚").quantity("12").unit("箱").unitPrice("480.50")
                        .taxCategory(TaxCategory.STANDARD_10),
                new TradeLineInput().description("緑茶 ペットボトル 500ml").quantity("24").unit("本").unitPrice("98")
                        .taxCategory(TaxCategory.REDUCED_8)));
        Order order = buyer.orders().placeOrder(new OrderCreate().sellerId(seller).title("事務用品 " + LocalDate.now(JAPAN))
                .lines(lines), null).block();
        System.out.println("placed     " + order.getTitle() + " (" + order.getId() + ")");
    }

    private static BtobClient client(String demoLoginId) {
        BtobClient.Builder builder = BtobClient.builder()
                .baseUrl(env("BTOB_BASE_URL", "https://localhost:8443"));
        Path ca = Path.of(env("BTOB_CA", System.getProperty("user.home") + "/.btob-platform/tls/localhost.crt"));
        if (Files.exists(ca)) {
            builder.trustCertificate(ca);
        }
        String clientId = System.getenv("BTOB_API_CLIENT_ID");
        if (clientId != null && !"buyer-admin".equals(demoLoginId)) {
            return builder.apiClient(UUID.fromString(clientId), env("BTOB_API_CLIENT_SECRET", "")).build();
        }
        return builder.login(demoLoginId, env("BTOB_PASSWORD", "Demo#2026pass")).build();
    }

    private static LocalDate readCheckpoint(Path file) throws IOException {
        if (!Files.exists(file)) {
            return LocalDate.now(JAPAN).minusDays(30);
        }
        return LocalDate.parse(Files.readString(file, StandardCharsets.UTF_8).strip());
    }

    /** Written beside and moved over, so that a crash leaves the old checkpoint or the new one, never half of one. */
    private static void writeCheckpoint(Path file, LocalDate date) throws IOException {
        Path absolute = file.toAbsolutePath();
        Path temporary = Files.createTempFile(absolute.getParent(), ".erp-sync", ".tmp");
        Files.writeString(temporary, date + System.lineSeparator(), StandardCharsets.UTF_8);
        Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String etag(Order order) {
        return "\"" + order.getVersion() + "\"";
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
