#include "LayerItem.h"

#include "style/Theme.h"

#include <QGraphicsSceneHoverEvent>
#include <QGraphicsSceneMouseEvent>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

#include <algorithm>
#include <cmath>

namespace layerlab::widgets::canvas {

namespace {
constexpr qreal kHeader = 44;
constexpr qreal kPitch = 26;
constexpr qreal kRadius = 9;
constexpr qreal kStripHeight = 8 * kPitch;
} // namespace

LayerItem::LayerItem(int id, Look look) : m_id(id), m_look(std::move(look)) {
    setFlag(ItemIsSelectable);
    if (m_look.role == Role::Hidden || m_look.role == Role::Operation) {
        setFlag(ItemIsMovable);
        setFlag(ItemSendsGeometryChanges);
        setCursor(Qt::OpenHandCursor);
    }
    setToolTip(layerTip());
    setAcceptHoverEvents(true);
}

QString LayerItem::layerTip() const {
    return m_look.problem.isEmpty() ? m_look.title + QStringLiteral(": ") + m_look.detail : m_look.problem;
}

QRectF LayerItem::stripRect() const { return {-14, kHeader + 12, 28, kStripHeight}; }

int LayerItem::neuronAt(const QPointF& p) const {
    if (m_look.role == Role::Operation || m_look.units <= 0) return -1;
    if (collapsed()) {
        const QRectF strip = stripRect().adjusted(0, 10, 0, -10);
        if (!strip.adjusted(-6, 0, 6, 0).contains(p)) return -1;
        return std::clamp(int((p.y() - strip.top()) / strip.height() * m_look.units), 0, m_look.units - 1);
    }
    for (int k = 0; k < drawnNeurons(); ++k)
        if (QLineF(p, neuronPos(k)).length() <= kRadius + 3) return k;
    return -1;
}

void LayerItem::setChosenNeuron(int k) {
    if (k == m_chosen) return;
    m_chosen = k;
    update();
}

QString LayerItem::neuronName(int k) const {
    if (k >= 0 && k < m_look.neuronNames.size()) return m_look.neuronNames[k];
    return tr("neuron %1").arg(k + 1);
}

void LayerItem::hoverMoveEvent(QGraphicsSceneHoverEvent* event) {
    // The neuron under the pointer, by name and value; the layer's own tooltip elsewhere.
    const int k = neuronAt(event->pos());
    QString tip = layerTip();
    if (k >= 0) {
        tip = neuronName(k);
        if (std::size_t(k) < m_values.size()) tip += tr(": %1 on the sample row").arg(double(m_values[std::size_t(k)]), 0, 'g', 4);
        tip += tr("\nClick to see it in the Neuron panel");
    }
    if (tip != toolTip()) setToolTip(tip);
    QGraphicsObject::hoverMoveEvent(event);
}

int LayerItem::drawnNeurons() const {
    if (m_look.role == Role::Operation) return 0;
    if (collapsed()) return 5;
    return std::max(1, m_look.units);
}

qreal LayerItem::bodyHeight() const {
    if (m_look.role == Role::Operation) return 36;
    if (collapsed()) return kStripHeight + 16;
    return std::max(1, m_look.units) * kPitch + 8;
}

QPointF LayerItem::neuronPos(int k) const {
    const qreal top = kHeader + 4;
    if (m_look.role == Role::Operation) return {0, top + 18};
    if (collapsed()) return {0, top + 8 + kStripHeight * (0.1 + 0.2 * k)};
    return {0, top + kPitch / 2 + 4 + k * kPitch};
}

void LayerItem::setActivity(std::vector<float> values, QList<QImage> maps, const style::Colormap& map) {
    // A layer edited since the run started has another width: its old values and maps are not
    // its neurons' (after 8 → 16 units, neurons 1-8 kept the old thumbnails).
    if (int(values.size()) != m_look.units) values.clear();
    if (maps.size() != m_look.units) maps.clear();
    m_values = std::move(values);
    m_maps = std::move(maps);
    m_colormap = map;
    m_scale = 0.0f;
    for (const float v : m_values)
        if (std::isfinite(v)) m_scale = std::max(m_scale, std::abs(v));
    if (m_scale == 0.0f) m_scale = 1.0f;
    update();
}

void LayerItem::paintStrip(QPainter* p, const QRectF& strip) const {
    // Every neuron of a wide layer as a thin band of colour; bands share pixels when there are
    // more neurons than pixels (mean of the neurons in a pixel row).
    const int rows = std::max(1, int(strip.height()));
    const auto n = m_values.size();
    for (int y = 0; y < rows; ++y) {
        const std::size_t a = n * std::size_t(y) / std::size_t(rows);
        const std::size_t b = std::max(a + 1, n * std::size_t(y + 1) / std::size_t(rows));
        double sum = 0;
        for (std::size_t k = a; k < b && k < n; ++k) sum += m_values[k];
        p->setPen(QColor(m_colormap.diverging(sum / double(b - a) / m_scale)));
        p->drawLine(QPointF(strip.left() + 4, strip.top() + y), QPointF(strip.right() - 4, strip.top() + y));
    }
}

QRectF LayerItem::boundingRect() const {
    const qreal labels = m_look.neuronNames.isEmpty() || collapsed() ? 0 : kLabelWidth + 6;
    return {-kWidth / 2 - kPortRadius - 2 - labels, -3, kWidth + 2 * kPortRadius + 4 + labels, kHeader + bodyHeight() + 10};
}

void LayerItem::paint(QPainter* p, const QStyleOptionGraphicsItem* option, QWidget*) {
    const auto& theme = style::Theme::instance();
    p->setRenderHint(QPainter::Antialiasing);
    const QRectF card(-kWidth / 2, 0, kWidth, kHeader + bodyHeight());
    QColor fill = theme.color(QStringLiteral("layerFill"));
    if (m_look.role == Role::Input) fill = theme.color(QStringLiteral("inputFill"));
    if (m_look.role == Role::Output) fill = theme.color(QStringLiteral("outputFill"));
    const bool problem = !m_look.problem.isEmpty();
    if (problem && !m_look.warningOnly) fill = theme.color(QStringLiteral("errorFill"));
    QColor border = theme.color(QStringLiteral("layerBorder"));
    if (problem) border = theme.color(m_look.warningOnly ? QStringLiteral("warning") : QStringLiteral("error"));
    if (option->state & QStyle::State_Selected) border = theme.color(QStringLiteral("selection"));
    p->setPen(QPen(border, (option->state & QStyle::State_Selected) || problem ? 2.5 : 1.2));
    p->setBrush(fill);
    p->drawRoundedRect(card, 8, 8);
    if (m_inPort || m_outPort) {
        p->setPen(QPen(theme.color(QStringLiteral("layerBorder")), 1.2));
        p->setBrush(theme.color(QStringLiteral("connection")));
        if (m_inPort) p->drawEllipse(inPort(), kPortRadius - 1, kPortRadius - 1);
        if (m_outPort) p->drawEllipse(outPort(), kPortRadius, kPortRadius);
    }

    p->setPen(theme.color(QStringLiteral("text")));
    QFont f = p->font();
    f.setBold(true);
    p->setFont(f);
    const QRectF titleBox(card.left() + 6, 4, kWidth - 12, 18);
    p->drawText(titleBox, Qt::AlignCenter, p->fontMetrics().elidedText(m_look.title, Qt::ElideRight, int(titleBox.width())));
    f.setBold(false);
    f.setPointSizeF(f.pointSizeF() * 0.9);
    p->setFont(f);
    p->setPen(theme.color(QStringLiteral("mutedText")));
    const QRectF detailBox(card.left() + 6, 22, kWidth - 12, 18);
    p->drawText(detailBox, Qt::AlignCenter, p->fontMetrics().elidedText(m_look.detail, Qt::ElideRight, int(detailBox.width())));

    p->setPen(QPen(theme.color(QStringLiteral("neuron")), 1.4));
    p->setBrush(theme.color(QStringLiteral("neuronFill")));
    if (m_look.role == Role::Operation) return;
    if (collapsed()) {
        const QRectF strip = stripRect();
        p->drawRoundedRect(strip, 14, 14);
        if (!m_values.empty()) {
            const QRectF bands = strip.adjusted(0, 10, 0, -10);
            paintStrip(p, bands);
            if (m_chosen >= 0 && m_look.units > 0) { // the chosen neuron's band
                const qreal y = bands.top() + bands.height() * (m_chosen + 0.5) / m_look.units;
                p->setPen(QPen(theme.color(QStringLiteral("selection")), 2));
                p->drawLine(QPointF(bands.left() - 6, y), QPointF(bands.right() + 6, y));
            }
            return;
        }
        p->save();
        p->translate(strip.center());
        p->rotate(-90);
        p->setPen(theme.color(QStringLiteral("text")));
        p->drawText(QRectF(-kStripHeight / 2, -12, kStripHeight, 24), Qt::AlignCenter, tr("%1 neurons").arg(m_look.units));
        p->restore();
        return;
    }
    const bool live = int(m_values.size()) == m_look.units && m_look.units > 0;
    QFont small = p->font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    const QFontMetrics names(small);
    const QPen neuronPen = p->pen();
    for (int k = 0; k < drawnNeurons(); ++k) {
        if (live) p->setBrush(QColor(m_colormap.diverging(m_values[std::size_t(k)] / m_scale)));
        p->setPen(k == m_chosen ? QPen(theme.color(QStringLiteral("selection")), 3) : neuronPen);
        p->drawEllipse(neuronPos(k), kRadius, kRadius);
        if (k < m_look.neuronNames.size()) { // the input's neurons are named by column (and level), left of the box
            const QRectF box(-kWidth / 2 - kLabelWidth - 4, neuronPos(k).y() - 8, kLabelWidth, 16);
            p->save();
            p->setFont(small);
            p->setPen(theme.color(QStringLiteral("text")));
            p->drawText(box, Qt::AlignRight | Qt::AlignVCenter, names.elidedText(m_look.neuronNames[k], Qt::ElideRight, int(box.width())));
            p->restore();
        }
        if (k < m_maps.size() && !m_maps[k].isNull())
            p->drawImage(QRectF(neuronPos(k) + QPointF(kRadius + 8, -11), QSizeF(22, 22)), m_maps[k]);
    }
    if (m_look.units == 0) {
        p->setPen(theme.color(QStringLiteral("mutedText")));
        p->drawText(QRectF(-kWidth / 2, neuronPos(0).y() - 8, kWidth, 16), Qt::AlignCenter, QStringLiteral("?"));
    }
}

void LayerItem::setPorts(bool in, bool out) {
    m_inPort = in;
    m_outPort = out;
    update();
}

QVariant LayerItem::itemChange(GraphicsItemChange change, const QVariant& value) {
    // A chain's drags are horizontal (they reorder it); a graph's cards go where they are put.
    if (change == ItemPositionChange && (flags() & ItemIsMovable) && !m_free) return QPointF(value.toPointF().x(), pos().y());
    if (change == ItemPositionHasChanged) Q_EMIT moved();
    return QGraphicsObject::itemChange(change, value);
}

void LayerItem::mousePressEvent(QGraphicsSceneMouseEvent* event) {
    m_pressPos = pos();
    if (event->button() == Qt::LeftButton && m_outPort && QLineF(event->pos(), outPort()).length() <= kPortRadius + 4) {
        m_connecting = true; // a new connection, not a move
        event->accept();
        return;
    }
    if (event->button() == Qt::LeftButton)
        if (const int k = neuronAt(event->pos()); k >= 0) Q_EMIT neuronClicked(m_id, k);
    QGraphicsObject::mousePressEvent(event);
}

void LayerItem::mouseMoveEvent(QGraphicsSceneMouseEvent* event) {
    if (m_connecting) return Q_EMIT connectDragged(m_id, event->scenePos(), false);
    QGraphicsObject::mouseMoveEvent(event);
}

void LayerItem::mouseReleaseEvent(QGraphicsSceneMouseEvent* event) {
    if (m_connecting) {
        m_connecting = false;
        return Q_EMIT connectDragged(m_id, event->scenePos(), true);
    }
    QGraphicsObject::mouseReleaseEvent(event);
    if ((flags() & ItemIsMovable) && (pos() - m_pressPos).manhattanLength() > 4) Q_EMIT dropped(m_id, pos());
}

} // namespace layerlab::widgets::canvas
