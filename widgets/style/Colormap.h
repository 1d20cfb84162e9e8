// Colours for values, as a plain value type so image rendering can run off the GUI thread (the
// Theme itself is GUI-thread only): a diverging map (low → mid → high) for activations, weights
// and decision maps, and a list of class colours for points. Built from the Theme by fromTheme().
#pragma once

#include <QColor>
#include <QList>
#include <QRgb>

namespace layerlab::widgets::style {

struct Colormap {
    QColor low, mid, high;
    QList<QColor> classes;

    /// `t` in [-1, 1] (clamped): low at -1, mid at 0, high at 1.
    QRgb diverging(double t) const;
    /// `t` in [0, 1]: low at 0, high at 1, through mid.
    QRgb sequential(double t) const { return diverging(2.0 * t - 1.0); }
    QColor classColor(int index) const;
    /// Reads the current theme; GUI thread only.
    static Colormap fromTheme();
};

} // namespace layerlab::widgets::style
