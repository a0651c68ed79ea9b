package io.storelink.sandbox;

final class Money {
    private Money() {}

    static double round(double amount) {
        return Math.round(amount * 100) / 100.0;
    }
}
