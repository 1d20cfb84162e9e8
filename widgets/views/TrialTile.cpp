#include "TrialTile.h"

#include "style/Theme.h"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace layerlab::widgets::views {

TrialTile::TrialTile(QWidget* parent) : QWidget(parent) {
    setMinimumSize(200, 130);
    setCursor(Qt::PointingHandCursor);
}

void TrialTile::setSummary(const TrialSummary& s) {
    m_s = s;
    setToolTip(s.label + QStringLiteral("\n") + s.state + (s.figures.isEmpty() ? QString() : QStringLiteral("\n") + s.figures));
    update();
}

void TrialTile::setSelected(bool selected) {
    if (selected == m_selected) return;
    m_selected = selected;
    update();
}

void TrialTile::mousePressEvent(QMouseEvent*) { Q_EMIT clicked(); }

void TrialTile::paintEvent(QPaintEvent*) {
    const auto& theme = style::Theme::instance();
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QRectF card = QRectF(rect()).adjusted(2, 2, -2, -2);
    QColor border = theme.color(m_s.best ? QStringLiteral("selection") : QStringLiteral("layerBorder"));
    p.setPen(QPen(border, m_s.best || m_selected ? 2.5 : 1.0));
    p.setBrush(theme.color(m_selected ? QStringLiteral("inputFill") : QStringLiteral("layerFill")));
    p.drawRoundedRect(card, 6, 6);
    p.setPen(theme.color(QStringLiteral("text")));
    QFont f = font();
    f.setBold(true);
    p.setFont(f);
    p.drawText(card.adjusted(8, 4, -8, 0), Qt::AlignLeft | Qt::AlignTop, (m_s.best ? QStringLiteral("★ ") : QString()) + m_s.label);
    f.setBold(false);
    f.setPointSizeF(f.pointSizeF() * 0.9);
    p.setFont(f);
    p.setPen(theme.color(QStringLiteral("mutedText")));
    p.drawText(card.adjusted(8, 0, -8, -4), Qt::AlignLeft | Qt::AlignBottom,
               m_s.state + (m_s.figures.isEmpty() ? QString() : QStringLiteral(" · ") + m_s.figures));
    // The curves, on one scale (the larger of the two series), in the middle band.
    const QRectF plot = card.adjusted(8, 24, -8, -22);
    double hi = 0, lo = INFINITY;
    for (const auto* series : {&m_s.train, &m_s.val})
        for (const double v : *series)
            if (std::isfinite(v)) hi = std::max(hi, v), lo = std::min(lo, v);
    if (!(hi > lo)) return;
    const auto draw = [&](const std::vector<double>& series, const QColor& c) {
        if (series.size() < 2) return;
        QPainterPath path;
        bool started = false;
        for (std::size_t i = 0; i < series.size(); ++i) {
            if (!std::isfinite(series[i])) continue;
            const QPointF at(plot.left() + plot.width() * double(i) / double(series.size() - 1),
                             plot.bottom() - plot.height() * (series[i] - lo) / (hi - lo));
            started ? path.lineTo(at) : path.moveTo(at);
            started = true;
        }
        p.setPen(QPen(c, 1.6));
        p.setBrush(Qt::NoBrush);
        p.drawPath(path);
    };
    draw(m_s.train, theme.color(QStringLiteral("weightNegative")));
    draw(m_s.val, theme.color(QStringLiteral("warning")));
}

} // namespace layerlab::widgets::views
