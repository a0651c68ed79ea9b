package io.storelink.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * The sandbox store's state: orders, shipments and their id sequences. Thread-safe: tests may add orders or change
 * statuses while a client is importing. Orders and shipments are immutable snapshots; a change replaces them.
 * Entity ids start at 1 and increase; item, shipment, track and comment ids are global sequences as in Magento.
 */
public final class SandboxStore {
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final List<Order> orders = new ArrayList<>();
    private final List<Shipment> shipments = new ArrayList<>();
    private final Map<Long, List<Long>> shipmentIdsByOrder = new HashMap<>();
    private final Map<Integer, Long> orderSequences = new HashMap<>();
    private final Map<Integer, Long> shipmentSequences = new HashMap<>();
    private final Catalog catalog;
    private final Clock clock;
    private final OrderGenerator generator;
    private final ShipmentPlanner planner;
    private final ShipValidator validator;
    private final OrderGenerator.Sequences sequences = new StoreSequences();
    private long nextItemId = 1;
    private long nextShipmentItemId = 1;
    private long nextTrackId = 1;
    private long nextCommentId = 1;

    SandboxStore(long seed, Catalog catalog, Clock clock) {
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.generator = new OrderGenerator(seed, catalog);
        this.planner = new ShipmentPlanner(catalog);
        this.validator = new ShipValidator(planner);
    }

    public Catalog catalog() {
        return catalog;
    }

    /** A snapshot of all orders, by entity id. */
    public List<Order> orders() {
        return read(() -> List.copyOf(orders));
    }

    public int orderCount() {
        return read(orders::size);
    }

    public Optional<Order> findOrder(long entityId) {
        return read(() -> Optional.ofNullable(orderOrNull(entityId)));
    }

    /** The order with this entity id; throws {@link NoSuchElementException} if there is none. */
    public Order order(long entityId) {
        return findOrder(entityId).orElseThrow(() -> new NoSuchElementException("no order " + entityId));
    }

    /**
     * Generates {@code count} more random orders created now (the sandbox clock), continuing the seeded sequence.
     *
     * @return the new orders' entity ids
     */
    public List<Long> generateOrders(int count) {
        Instant now = now();
        return write(() -> {
            List<Long> ids = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                ids.add(saveGenerated(generator.random(sequences, now, now)));
            }
            return ids;
        });
    }

    /** Adds a hand-picked order created now, in state {@code new} (or {@code processing} if invoiced). */
    public Order addOrder(NewOrder request) {
        requireNonNull(request, "request is null");
        Instant now = now();
        return write(() -> save(generator.build(sequences, request, now, now)));
    }

    /** Changes an order's state and status, as an admin would, and bumps {@code updated_at}. */
    public Order setStatus(long entityId, String state, String status) {
        requireNonNull(state, "state is null");
        Instant now = now();
        return write(() -> replace(requireOrder(entityId).withStatus(state, status, now)));
    }

    public List<Shipment> shipments() {
        return read(() -> List.copyOf(shipments));
    }

    public List<Shipment> shipments(long orderEntityId) {
        return read(() -> shipmentIdsByOrder.getOrDefault(orderEntityId, List.of()).stream()
                .map(id -> shipments.get((int) (id - 1)))
                .toList());
    }

    public Optional<Shipment> shipment(long shipmentId) {
        return read(() -> Optional.ofNullable(shipmentOrNull(shipmentId)));
    }

    public int shipmentCount() {
        return read(shipments::size);
    }

    /** Fills the store with {@code count} orders created over {@code window}, the last a few minutes before now. */
    void generateInitial(int count, Duration window) {
        Instant now = now();
        Instant end = now.minus(Duration.ofMinutes(3));
        Instant start = end.minus(window);
        long step = count <= 1 ? 0 : window.toMillis() / (count - 1);
        write(() -> {
            for (int i = 0; i < count; i++) {
                Instant createdAt = start.plusMillis(step * i).truncatedTo(ChronoUnit.SECONDS);
                saveGenerated(generator.random(sequences, createdAt, now));
            }
            return null;
        });
    }

    /** {@code POST /V1/order/{id}/ship}: validated like Magento, serialized per store (Magento has a per-order mutex). */
    Shipment shipOrder(long orderId, ShipOrderRequest request) {
        Instant now = now();
        return write(() -> {
            Order order = orderOrNull(orderId);
            if (order == null) {
                throw ApiException.noSuchEntity();
            }
            ShipmentPlanner.Plan plan = planner.plan(order, request.items());
            List<String> messages = validator.validate(order, plan, request.tracks());
            if (!messages.isEmpty()) {
                throw ApiException.badRequest(MagentoMessages.SHIPMENT_VALIDATION + String.join("\n", messages));
            }
            return ship(order, plan, request, now);
        });
    }

    /** POST /V1/shipment: saved as given, no quantity checks (it can over-ship, docs/magento2-rest-api.md §0.13). */
    Shipment createShipment(long orderId, List<Shipment.Item> requestedItems, List<ShipOrderRequest.TrackRequest> tracks,
                            List<ShipOrderRequest.CommentRequest> comments) {
        Instant now = now();
        return write(() -> {
            Order order = orderOrNull(orderId);
            if (order == null) {
                throw ApiException.badRequest(MagentoMessages.SHIPMENT_NOT_SAVED);
            }
            long shipmentId = shipments.size() + 1L;
            List<Shipment.Item> items = new ArrayList<>();
            List<OrderItem> orderItems = new ArrayList<>(order.items());
            for (Shipment.Item requested : requestedItems) {
                OrderItem orderItem = order.item(requested.orderItemId());
                items.add(shipmentItem(shipmentId, orderItem, requested.orderItemId(), requested.qty()));
                int index = indexOfItem(orderItems, requested.orderItemId());
                if (index >= 0) {
                    OrderItem current = orderItems.get(index);
                    orderItems.set(index, current.withQtyShipped(current.qtyShipped() + requested.qty()));
                }
            }
            replace(order.withItems(orderItems, now));
            List<Shipment.Comment> savedComments = comments.stream()
                    .map(comment -> new Shipment.Comment(nextCommentId++, shipmentId, comment.comment(), false,
                            comment.isVisibleOnFront(), now))
                    .toList();
            double totalQty = items.stream().mapToDouble(Shipment.Item::qty).sum();
            return saveShipment(new Shipment(shipmentId, nextShipmentIncrementId(order.storeId()), orderId,
                    order.storeId(), now, now, totalQty, false, items, tracks(shipmentId, orderId, tracks, now),
                    savedComments));
        });
    }

    /** {@code POST /V1/shipment/track}: adds a track to an existing shipment. */
    Shipment.Track addTrack(long shipmentId, ShipOrderRequest.TrackRequest track) {
        Instant now = now();
        return write(() -> {
            Shipment shipment = shipmentOrNull(shipmentId);
            if (shipment == null) {
                throw ApiException.badRequest(MagentoMessages.TRACK_NOT_SAVED);
            }
            Shipment.Track saved = tracks(shipmentId, shipment.orderId(), List.of(track), now).get(0);
            shipments.set((int) (shipmentId - 1), shipment.withTrack(saved, now));
            return saved;
        });
    }

    /** {@code POST /V1/shipment/{id}/emails}. */
    void sendShipmentEmail(long shipmentId) {
        write(() -> {
            Shipment shipment = shipmentOrNull(shipmentId);
            if (shipment == null) {
                throw ApiException.noSuchEntity();
            }
            shipments.set((int) (shipmentId - 1), shipment.withEmailSent());
            return null;
        });
    }

    private long saveGenerated(OrderGenerator.Generated generated) {
        Order order = save(generated.order());
        Instant when = order.updatedAt();
        switch (generated.fulfilment()) {
            case FULL -> ship(order, planner.plan(order, Map.of()), trackedShipment(order), when);
            case PARTIAL -> {
                ShipmentPlanner.Plan all = planner.plan(order, Map.of());
                if (all.shipped().size() > 1) {
                    ShipmentPlanner.Line first = all.shipped().get(0);
                    ship(order, planner.plan(order, Map.of(first.item().itemId(), first.qty())),
                            trackedShipment(order), when);
                }
            }
            default -> { }
        }
        return order.entityId();
    }

    private static ShipOrderRequest trackedShipment(Order order) {
        String number = String.format("1Z999AA1%010d", order.entityId());
        return new ShipOrderRequest(Map.of(),
                List.of(new ShipOrderRequest.TrackRequest(number, "United Parcel Service", "ups", null, null, null)),
                null, true, false);
    }

    private Shipment ship(Order order, ShipmentPlanner.Plan plan, ShipOrderRequest request, Instant now) {
        long shipmentId = shipments.size() + 1L;
        List<OrderItem> items = new ArrayList<>(order.items());
        List<Shipment.Item> shipmentItems = new ArrayList<>();
        for (ShipmentPlanner.Line line : plan.lines()) {
            int index = indexOfItem(items, line.item().itemId());
            items.set(index, line.item().withQtyShipped(line.item().qtyShipped() + line.qty()));
            if (!line.follower()) {
                shipmentItems.add(shipmentItem(shipmentId, line.item(), line.item().itemId(), line.qty()));
            }
        }
        Order shipped = order.withItems(items, now);
        String state = stateAfterShipping(shipped);
        replace(shipped.withStatus(state, state.equals(order.state()) ? order.status() : state, now));
        List<Shipment.Comment> comments = request.comment() == null ? List.of() : List.of(new Shipment.Comment(
                nextCommentId++, shipmentId, request.comment().comment(), request.notifyCustomer() && request.appendComment(),
                request.comment().isVisibleOnFront(), now));
        return saveShipment(new Shipment(shipmentId, nextShipmentIncrementId(order.storeId()), order.entityId(),
                order.storeId(), now, now, plan.totalQty(), request.notifyCustomer(), shipmentItems,
                tracks(shipmentId, order.entityId(), request.tracks(), now), comments));
    }

    /** Magento's {@code OrderStateResolver} with IN_PROGRESS: new moves to processing; invoiced and fully shipped is complete. */
    private String stateAfterShipping(Order order) {
        boolean working = order.state().equals("new") || order.state().equals("processing");
        if (!working) {
            return order.state();
        }
        boolean canInvoice = order.items().stream().filter(item -> !item.hasParent())
                .anyMatch(item -> ShipmentPlanner.exceeds(item.qtyOrdered() - item.qtyCanceled(), item.qtyInvoiced()));
        if (!canInvoice && !planner.canShip(order)) {
            return "complete";
        }
        return "processing";
    }

    private static int indexOfItem(List<OrderItem> items, long itemId) {
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).itemId() == itemId) {
                return i;
            }
        }
        return -1;
    }

    private Shipment.Item shipmentItem(long shipmentId, OrderItem orderItem, long orderItemId, double qty) {
        if (orderItem == null) {
            return new Shipment.Item(nextShipmentItemId++, shipmentId, orderItemId, null, null, null, qty, null, null);
        }
        return new Shipment.Item(nextShipmentItemId++, shipmentId, orderItemId, orderItem.productId(), orderItem.sku(),
                orderItem.name(), qty, orderItem.price(), orderItem.weight());
    }

    private List<Shipment.Track> tracks(long shipmentId, long orderId, List<ShipOrderRequest.TrackRequest> requests,
                                        Instant now) {
        return requests.stream()
                .map(track -> new Shipment.Track(nextTrackId++, shipmentId, orderId, track.trackNumber(), track.title(),
                        track.carrierCode(), track.description(), track.qty(), track.weight(), now))
                .toList();
    }

    private Shipment saveShipment(Shipment shipment) {
        shipments.add(shipment);
        shipmentIdsByOrder.computeIfAbsent(shipment.orderId(), id -> new ArrayList<>()).add(shipment.entityId());
        return shipment;
    }

    private String nextShipmentIncrementId(int storeId) {
        long sequence = shipmentSequences.merge(storeId, 1L, Long::sum);
        return StoreView.byId(storeId).incrementId(sequence);
    }

    private Order save(Order order) {
        orders.add(order);
        return order;
    }

    private Order replace(Order order) {
        orders.set((int) (order.entityId() - 1), order);
        return order;
    }

    private Order requireOrder(long entityId) {
        Order order = orderOrNull(entityId);
        if (order == null) {
            throw new NoSuchElementException("no order " + entityId);
        }
        return order;
    }

    private Order orderOrNull(long entityId) {
        return entityId >= 1 && entityId <= orders.size() ? orders.get((int) (entityId - 1)) : null;
    }

    private Shipment shipmentOrNull(long shipmentId) {
        return shipmentId >= 1 && shipmentId <= shipments.size() ? shipments.get((int) (shipmentId - 1)) : null;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    private <T> T read(Supplier<T> action) {
        lock.readLock().lock();
        try {
            return action.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    private <T> T write(Supplier<T> action) {
        lock.writeLock().lock();
        try {
            return action.get();
        } finally {
            lock.writeLock().unlock();
        }
    }

    private final class StoreSequences implements OrderGenerator.Sequences {
        @Override
        public long nextEntityId() {
            return orders.size() + 1L;
        }

        @Override
        public long nextItemId() {
            return nextItemId++;
        }

        @Override
        public String nextOrderIncrementId(int storeId) {
            return StoreView.byId(storeId).incrementId(orderSequences.merge(storeId, 1L, Long::sum));
        }
    }
}
