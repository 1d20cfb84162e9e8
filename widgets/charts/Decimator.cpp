#include "Decimator.h"

#include <algorithm>
#include <cmath>

namespace layerlab::widgets::charts {

QList<QPointF> Decimator::minMax(std::span<const float> x, std::span<const float> y, double x0, double x1, int buckets) {
    QList<QPointF> out;
    const std::size_t n = std::min(x.size(), y.size());
    if (n == 0 || buckets < 1 || !(x1 > x0)) return out;
    const auto first = std::size_t(std::lower_bound(x.begin(), x.begin() + std::ptrdiff_t(n), float(x0)) - x.begin());
    const auto last = std::size_t(std::upper_bound(x.begin(), x.begin() + std::ptrdiff_t(n), float(x1)) - x.begin());
    const std::size_t from = first > 0 ? first - 1 : 0;
    const std::size_t to = std::min(n, last + 1);
    if (to - from <= std::size_t(2 * buckets)) {
        out.reserve(qsizetype(to - from));
        for (std::size_t i = from; i < to; ++i)
            if (std::isfinite(y[i])) out.append(QPointF(x[i], y[i]));
        return out;
    }
    out.reserve(2 * buckets + 2);
    const double width = (x1 - x0) / buckets;
    if (first > 0 && std::isfinite(y[from])) out.append(QPointF(x[from], y[from]));
    std::size_t i = first;
    while (i < last) {
        const auto bucket = std::min<long long>(buckets - 1, (long long)std::floor((x[i] - x0) / width));
        std::size_t lo = n, hi = n;
        for (; i < last && std::min<long long>(buckets - 1, (long long)std::floor((x[i] - x0) / width)) == bucket; ++i) {
            if (!std::isfinite(y[i])) continue;
            if (lo == n || y[i] < y[lo]) lo = i;
            if (hi == n || y[i] > y[hi]) hi = i;
        }
        if (lo == n) continue;
        const std::size_t a = std::min(lo, hi), b = std::max(lo, hi);
        out.append(QPointF(x[a], y[a]));
        if (b != a) out.append(QPointF(x[b], y[b]));
    }
    if (last < n && std::isfinite(y[last])) out.append(QPointF(x[last], y[last]));
    return out;
}

} // namespace layerlab::widgets::charts
