// A layer on the canvas: a card with its neurons as circles, or, for large layers, a strip with
// the count. It holds the layer's id and a description the scene computes from the GraphModel;
// it never edits the model: a finished drag is reported to the scene, which pushes the undo command.
// Hovering a neuron names it with its value; clicking one asks the scene to show it in full.
// Ports: a dot on the left edge (what it reads comes in) and one on the right (its output); a
// drag from the output port is reported to the scene, which draws it and connects on release.
#pragma once

#include "style/Colormap.h"

#include <QGraphicsObject>
#include <QImage>
#include <QList>
#include <QString>
#include <QStringList>

#include <vector>

namespace layerlab::widgets::canvas {

class LayerItem : public QGraphicsObject {
    Q_OBJECT
public:
    enum class Role { Input, Hidden, Output, Operation };
    struct Look {
        Role role = Role::Hidden;
        QString title;       ///< "Dense", "Input", "Output"
        QString detail;      ///< "64 · relu", "4 columns → 7"
        int units = 0;       ///< neurons to draw; 0 = unknown yet
        QString problem;     ///< non-empty: drawn in the error colour, shown as tooltip
        bool warningOnly = false;
        QStringList neuronNames; ///< the input: one name per neuron ("x", "shooter=Stephen Curry")
    };
    static constexpr int kMaxCircles = 16; ///< more neurons collapse into a strip
    static constexpr qreal kWidth = 136;
    static constexpr qreal kLabelWidth = 150; ///< room left of the input box for its neurons' names

    LayerItem(int id, Look look);
    int layerId() const { return m_id; }
    const Look& look() const { return m_look; }
    /// Where neuron `k` of the drawn ones sits (item coordinates); a strip has 5 anchor points.
    QPointF neuronPos(int k) const;
    int drawnNeurons() const;
    /// The neuron (0-based, of all units) at `p` in item coordinates, or -1: a circle, or the
    /// part of a strip that stands for it.
    int neuronAt(const QPointF& p) const;
    /// Rings neuron `k` (the one the Neuron panel shows); -1 = none.
    void setChosenNeuron(int k);
    int chosenNeuron() const { return m_chosen; }
    /// "shooter=Stephen Curry" on the input, else "neuron 3".
    QString neuronName(int k) const;
    bool collapsed() const { return m_look.units > kMaxCircles; }
    /// Drags go anywhere (a graph's cards) rather than along the row (a chain's).
    void setFreeMove(bool free) { m_free = free; }
    /// Which ports it draws and accepts (the input has no input port, the output no output port).
    void setPorts(bool in, bool out);
    QPointF inPort() const { return {-kWidth / 2, kPortY}; }
    QPointF outPort() const { return {kWidth / 2, kPortY}; }
    bool hasOutPort() const { return m_outPort; }
    static constexpr qreal kPortY = 22;
    static constexpr qreal kPortRadius = 6;

    /// Live values (one per neuron; empty = none) coloured with `map`, and optional thumbnails.
    void setActivity(std::vector<float> values, QList<QImage> maps, const style::Colormap& map);
    const std::vector<float>& values() const { return m_values; }

    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

Q_SIGNALS:
    void moved();
    /// A drag of the card ended with it at scene position `pos`.
    void dropped(int id, QPointF pos);
    /// A drag from the output port is at scene point `at`; `done` on release.
    void connectDragged(int id, QPointF at, bool done);
    /// A click on neuron `k` (0-based) of layer `id`.
    void neuronClicked(int id, int k);

protected:
    QVariant itemChange(GraphicsItemChange change, const QVariant& value) override;
    void mousePressEvent(QGraphicsSceneMouseEvent* event) override;
    void mouseMoveEvent(QGraphicsSceneMouseEvent* event) override;
    void mouseReleaseEvent(QGraphicsSceneMouseEvent* event) override;
    void hoverMoveEvent(QGraphicsSceneHoverEvent* event) override;

private:
    qreal bodyHeight() const;
    void paintStrip(QPainter* p, const QRectF& strip) const;
    QRectF stripRect() const;
    QString layerTip() const;
    int m_id;
    Look m_look;
    std::vector<float> m_values;
    float m_scale = 1.0f; // largest |value|: full colour
    QList<QImage> m_maps;
    style::Colormap m_colormap;
    QPointF m_pressPos;
    int m_chosen = -1;
    bool m_free = false;
    bool m_inPort = false, m_outPort = false;
    bool m_connecting = false; // a drag from the output port is under way
};

} // namespace layerlab::widgets::canvas
