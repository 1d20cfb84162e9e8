#include "Colormap.h"

#include "Theme.h"

#include <algorithm>
#include <cmath>

namespace layerlab::widgets::style {

namespace {
int mix(int a, int b, double t) { return int(std::lround(a + (b - a) * t)); }
} // namespace

QRgb Colormap::diverging(double t) const {
    if (!std::isfinite(t)) t = 0.0;
    t = std::clamp(t, -1.0, 1.0);
    const QColor& end = t < 0 ? low : high;
    const double u = std::abs(t);
    return qRgb(mix(mid.red(), end.red(), u), mix(mid.green(), end.green(), u), mix(mid.blue(), end.blue(), u));
}

QColor Colormap::classColor(int index) const {
    if (classes.isEmpty()) return high;
    return classes[std::abs(index) % classes.size()];
}

Colormap Colormap::fromTheme() {
    const Theme& t = Theme::instance();
    Colormap c{t.color(QStringLiteral("mapLow")), t.color(QStringLiteral("mapMid")), t.color(QStringLiteral("mapHigh")), {}};
    for (int i = 0; i < 6; ++i) c.classes << t.color(QStringLiteral("class%1").arg(i));
    return c;
}

} // namespace layerlab::widgets::style
