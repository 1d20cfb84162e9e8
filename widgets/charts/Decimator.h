// Thins a long series to what a chart can show (PlotJuggler's approach): the visible x range is
// cut into buckets (about two per pixel) and each bucket keeps its lowest and highest point, in
// x order, so spikes survive and a 10,000-epoch curve costs the same to draw as a 500-epoch one.
// The point just outside each end of the range is kept so the line runs to the edge.
#pragma once

#include <QList>
#include <QPointF>

#include <span>

namespace layerlab::widgets::charts {

class Decimator {
public:
    /// `x` ascending; non-finite y values are skipped. At most 2 × buckets + 2 points come back.
    static QList<QPointF> minMax(std::span<const float> x, std::span<const float> y, double x0, double x1, int buckets);
};

} // namespace layerlab::widgets::charts
