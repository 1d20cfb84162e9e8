#include "ConnectionItem.h"

#include "LayerItem.h"
#include "style/Theme.h"

#include <QObject>
#include <QPainter>
#include <QPainterPathStroker>
#include <QStyleOptionGraphicsItem>

#include <cmath>

namespace layerlab::widgets::canvas {

ConnectionItem::ConnectionItem(LayerItem* from, LayerItem* to) : m_from(from), m_to(to) {
    setZValue(-1);
    setFlag(ItemIsSelectable);
    setAcceptedMouseButtons(Qt::LeftButton);
    setToolTip(QObject::tr("A connection: click to select it, Delete to remove it"));
    refresh();
}

void ConnectionItem::refresh() {
    prepareGeometryChange();
    m_bounds = m_from->sceneBoundingRect().united(m_to->sceneBoundingRect());
}

void ConnectionItem::setWeights(std::vector<float> weights, QColor positive, QColor negative) {
    m_weights = std::move(weights);
    m_positive = positive;
    m_negative = negative;
    m_maxWeight = 0.0f;
    for (const float w : m_weights) m_maxWeight = std::max(m_maxWeight, std::abs(w));
    if (!(m_maxWeight > 0.0f)) m_maxWeight = 1.0f;
    update();
}

QRectF ConnectionItem::boundingRect() const { return m_bounds; }

QPainterPath ConnectionItem::shape() const {
    // The wire from port to port, and the whole bundle of neuron lines between the two cards'
    // facing edges: a click anywhere on what is drawn selects it (the tour clicked the lines).
    QPainterPath line(m_from->mapToScene(m_from->outPort()));
    line.lineTo(m_to->mapToScene(m_to->inPort()));
    QPainterPathStroker band;
    band.setWidth(12);
    QPainterPath area = band.createStroke(line);
    const int a = std::max(1, m_from->drawnNeurons()), b = std::max(1, m_to->drawnNeurons());
    const qreal half = LayerItem::kWidth / 2;
    QPolygonF bundle;
    bundle << m_from->mapToScene(m_from->neuronPos(0) + QPointF(half, -6)) << m_to->mapToScene(m_to->neuronPos(0) - QPointF(half, 6))
           << m_to->mapToScene(m_to->neuronPos(b - 1) - QPointF(half, -6)) << m_from->mapToScene(m_from->neuronPos(a - 1) + QPointF(half, 6));
    area.addPolygon(bundle);
    return area.simplified();
}

void ConnectionItem::paint(QPainter* p, const QStyleOptionGraphicsItem* option, QWidget*) {
    const auto& theme = style::Theme::instance();
    p->setRenderHint(QPainter::Antialiasing);
    // The wire from port to port: what the connection is, whatever its neurons draw (thick in the
    // selection colour when selected, so the user sees what Delete removes).
    const bool selected = option->state & QStyle::State_Selected;
    QColor wire = theme.color(selected ? QStringLiteral("selection") : QStringLiteral("connection"));
    p->setPen(QPen(wire, selected ? 4 : 1.6));
    p->drawLine(m_from->mapToScene(m_from->outPort()), m_to->mapToScene(m_to->inPort()));
    QColor c = theme.color(QStringLiteral("connection"));
    const int a = m_from->drawnNeurons(), b = m_to->drawnNeurons();
    const bool dense = a * b > 40;
    c.setAlphaF(dense ? 0.45f : 0.8f);
    p->setPen(QPen(c, dense ? 0.8 : 1.2));
    const qreal half = LayerItem::kWidth / 2;
    const int na = std::max(1, a), nb = std::max(1, b);
    if (m_elementwise) { // one line per neuron (per anchor of a strip), at the target's offset
        const bool exact = !m_from->collapsed() && !m_to->collapsed();
        for (int i = 0; i < na; ++i) {
            const int j = exact ? i + m_offset : i;
            if (j >= nb) break;
            p->drawLine(m_from->mapToScene(m_from->neuronPos(i) + QPointF(a ? 10 : half, 0)),
                        m_to->mapToScene(m_to->neuronPos(j) - QPointF(b ? 10 : half, 0)));
        }
        return;
    }
    const bool weighted = !m_weights.empty() && !m_from->collapsed() && !m_to->collapsed() &&
                          m_weights.size() == std::size_t(a) * std::size_t(b);
    for (int i = 0; i < na; ++i) {
        const QPointF s = m_from->mapToScene(m_from->neuronPos(i) + QPointF(a ? 10 : half, 0));
        for (int j = 0; j < nb; ++j) {
            if (weighted) {
                const float w = m_weights[std::size_t(i) * std::size_t(b) + std::size_t(j)];
                const float u = std::abs(w) / m_maxWeight;
                QColor wc = w >= 0 ? m_positive : m_negative;
                wc.setAlphaF(0.15f + 0.85f * u);
                p->setPen(QPen(wc, 0.4 + 3.0 * u));
            }
            p->drawLine(s, m_to->mapToScene(m_to->neuronPos(j) - QPointF(b ? 10 : half, 0)));
        }
    }
}

} // namespace layerlab::widgets::canvas
