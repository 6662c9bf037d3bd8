package com.example.guide;

import dev.soma.plugins.Loss;

/** The log-cosh regression loss: L = log(cosh(s − y)), δ = tanh(s − y); like r²/2 near 0 and |r| − log 2 far out. */
final class LogCosh implements Loss {

    @Override
    public String name() {
        return LogCoshProvider.NAME;
    }

    @Override
    public double value(float score, float label) {
        double r = Math.abs((double) score - label);
        return r + Math.log1p(Math.exp(-2 * r)) - Math.log(2);   // log(cosh r), without overflow for large r
    }

    @Override
    public float derivative(float score, float label) {
        return (float) Math.tanh((double) score - label);
    }

    @Override
    public Task task() {
        return Task.REGRESSION;   // refused on a classifier
    }
}
