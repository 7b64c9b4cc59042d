package jp.btob.client;

import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Stream;

import jp.btob.client.model.PageInfo;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Every item of a cursor-paged list, read page by page as they are consumed: a page is requested only
 * when an item of it is wanted, that is once the items before it have been taken and more are asked for. Works over any of the generated list operations and their
 * page types, given how to read one page from a cursor and where its items are.
 *
 * <pre>{@code
 * Pages<Order> orders = Pages.of(
 *         cursor -> client.orders().listOrders("received", OrderStatus.PLACED, null, null, null, null, null, cursor, 100),
 *         OrderPage::getItems, OrderPage::getPage);
 * orders.flux().flatMap(this::confirm, 4).blockLast();   // reactive
 * for (Order order : orders) { ... }                      // blocking, off the event loop
 * }</pre>
 *
 * <p>Each use of {@link #flux()}, {@link #iterator()} or {@link #stream()} reads the list again from its
 * first page.
 */
public final class Pages<T> implements Iterable<T> {

    /** How many items the blocking views take from the stream at a time. */
    private static final int BATCH = 1;

    /** The one signal that lets a page be read when there is demand. */
    private static final Object PAGE = new Object();

    private final Function<String, Flux<T>> fromCursor;

    private Pages(Function<String, Flux<T>> fromCursor) {
        this.fromCursor = fromCursor;
    }

    /**
     * For the platform's lists, whose pages answer their {@link PageInfo} ({@code page.nextCursor}).
     *
     * @param fetch reads the page at a cursor; null for the first page
     * @param items the items of a page, such as {@code OrderPage::getItems}
     * @param pageInfo where a page ends, such as {@code OrderPage::getPage}
     */
    public static <P, T> Pages<T> of(Function<String, Mono<P>> fetch, Function<P, List<T>> items,
            Function<P, PageInfo> pageInfo) {
        Objects.requireNonNull(pageInfo, "pageInfo");
        return byCursor(fetch, items, page -> {
            PageInfo info = pageInfo.apply(page);
            return info == null ? null : info.getNextCursor();
        });
    }

    /** As {@link #of}, for a page that answers its next cursor some other way; null on the last page. */
    public static <P, T> Pages<T> byCursor(Function<String, Mono<P>> fetch, Function<P, List<T>> items,
            Function<P, String> nextCursor) {
        Objects.requireNonNull(fetch, "fetch");
        Objects.requireNonNull(items, "items");
        Objects.requireNonNull(nextCursor, "nextCursor");
        return new Pages<>(new Function<>() {
            @Override
            public Flux<T> apply(String cursor) {
                // No prefetch: the page is read only once an item is wanted and the items before it are taken.
                // hide() keeps concatMap from mapping a constant source at once, whatever the demand.
                return Flux.just(PAGE).hide().concatMap(ignored -> fetch.apply(cursor).flatMapMany(page -> {
                    List<T> found = items.apply(page);
                    Flux<T> here = found == null ? Flux.empty() : Flux.fromIterable(found);
                    String next = nextCursor.apply(page);
                    if (next == null || next.isEmpty()) {
                        return here;
                    }
                    if (next.equals(cursor)) {
                        return here.concatWith(Flux.error(new IllegalStateException(
                                "The list answered the cursor it was asked for as its next one: " + next)));
                    }
                    return here.concatWith(apply(next));
                }), 0);
            }
        });
    }

    /** The items; each page, the first included, is read only when one of its items is requested. */
    public Flux<T> flux() {
        return fromCursor.apply(null);
    }

    /**
     * Blocks for each page in turn: not on an event loop thread. It holds one item ahead of the caller, so
     * taking a page's last item reads the next page.
     */
    @Override
    public Iterator<T> iterator() {
        return flux().toIterable(BATCH).iterator();
    }

    /** Blocks for each page in turn: not on an event loop thread. Close it to stop early. */
    public Stream<T> stream() {
        return flux().toStream(BATCH);
    }
}
