#include "GraphDrawing.h"

#include "ConnectionItem.h"
#include "LayerItem.h"
#include "../Text.h"
#include "style/Theme.h"

#include <QCoreApplication>
#include <QGraphicsScene>
#include <QGraphicsSimpleTextItem>

#include <algorithm>
#include <map>

namespace layerlab::widgets::canvas {

using namespace layerlab::engine;

namespace {

QString tr(const char* text) { return QCoreApplication::translate("GraphDrawing", text); }

LayerItem::Look lookOf(const nn::NetworkSpec& spec, std::size_t i, const std::vector<nn::Shape>& shapes, const QString& target) {
    const nn::LayerSpec& l = spec.layers[i];
    const bool output = i + 1 == spec.layers.size();
    LayerItem::Look look;
    look.role = LayerItem::Role::Operation;
    look.units = shapes.empty() ? 0 : shapes[i].width;
    switch (l.type) {
    case nn::LayerType::Dense:
        look.role = output ? LayerItem::Role::Output : LayerItem::Role::Hidden;
        look.title = output ? (target.isEmpty() ? tr("Output") : tr("Output: %1").arg(target)) : tr("Dense");
        look.detail = l.units ? QString::number(l.units) : tr("auto");
        look.units = shapes.empty() ? l.units : look.units;
        break;
    case nn::LayerType::Activation:
        look.title = tr("Activation");
        look.detail = text(nn::activationName(l.activation));
        break;
    case nn::LayerType::Dropout:
        look.title = tr("Dropout");
        look.detail = tr("rate %1").arg(double(l.rate));
        break;
    case nn::LayerType::Embedding:
        look.role = LayerItem::Role::Hidden;
        look.title = tr("Embedding");
        look.detail = l.units ? tr("%1 dims").arg(l.units) : tr("per column");
        break;
    case nn::LayerType::Recurrent:
        look.role = LayerItem::Role::Hidden;
        look.title = text(nn::cellName(l.cell)).toUpper();
        look.detail = QString::number(l.units) + (l.bidirectional ? tr(" · both ways") : QString()) +
                      (l.sequences ? tr(" · every step") : tr(" · last state"));
        break;
    case nn::LayerType::Add: look.title = tr("Add"); break;
    case nn::LayerType::Concat: look.title = tr("Concatenate"); break;
    case nn::LayerType::BatchNorm: look.title = tr("BatchNorm"); break;
    case nn::LayerType::LayerNorm: look.title = tr("LayerNorm"); break;
    case nn::LayerType::Select: {
        look.title = tr("Columns");
        QStringList names;
        for (const auto& n : l.select) names << QString::fromStdString(n);
        look.detail = names.join(QStringLiteral(", "));
        break;
    }
    }
    if (!l.name.empty()) look.detail = look.detail.isEmpty() ? QString::fromStdString(l.name)
                                                             : QString::fromStdString(l.name) + QStringLiteral(" · ") + look.detail;
    return look;
}

} // namespace

std::vector<int> GraphDrawing::columns(const std::vector<std::vector<int>>& sources) {
    std::vector<int> column(sources.size(), 1);
    for (std::size_t i = 0; i < sources.size(); ++i)
        for (const int s : sources[i]) column[i] = std::max(column[i], s < 0 ? 1 : column[std::size_t(s)] + 1);
    return column;
}

QString GraphDrawing::shapeText(const nn::Shape& shape) {
    return shape.steps > 1 ? QStringLiteral("[batch × %1 × %2]").arg(shape.steps).arg(shape.features())
                           : QStringLiteral("[batch × %1]").arg(shape.width);
}

GraphDrawing::Placed GraphDrawing::draw(QGraphicsScene& scene, const nn::NetworkSpec& spec, LayerItem* input, const QString& target,
                                        int inputWidth, int outputUnits, qreal columnPitch) {
    Placed placed;
    std::vector<std::vector<int>> sources;
    try {
        sources = spec.sources();
    } catch (const std::exception&) {
        return placed; // the design check names the broken reference
    }
    // Shapes when the data is known and the design works; cards without them otherwise.
    std::vector<nn::Shape> shapes;
    nn::Shape inputShape{spec.steps, inputWidth};
    try {
        nn::NetworkSpec bound = spec;
        if (inputWidth > 0) bound.inputs = inputWidth;
        if (outputUnits > 0 && !bound.layers.empty() && bound.layers.back().type == nn::LayerType::Dense && bound.layers.back().units == 0)
            bound.layers.back().units = outputUnits;
        shapes = bound.sequenceShapes();
        inputShape = {bound.steps, bound.inputs};
    } catch (const std::exception&) {
        shapes.clear();
    }
    const std::vector<int> column = columns(sources);
    std::map<int, int> rowsIn; // column -> cards placed so far
    const auto& theme = style::Theme::instance();
    for (std::size_t i = 0; i < spec.layers.size(); ++i) {
        auto* item = new LayerItem(spec.layers[i].id, lookOf(spec, i, shapes, target));
        item->setFlag(QGraphicsItem::ItemIsMovable, false); // read-only drawing (see the header)
        scene.addItem(item);
        const int row = rowsIn[column[i]]++;
        item->setPos(column[i] * columnPitch, row * (item->boundingRect().height() + 60));
        placed.items.push_back(item);
    }
    for (std::size_t i = 0; i < spec.layers.size(); ++i)
        for (const int s : sources[i]) {
            LayerItem* from = s < 0 ? input : placed.items[std::size_t(s)];
            auto* c = new ConnectionItem(from, placed.items[i]);
            scene.addItem(c);
            placed.connections.push_back(c);
            placed.targets.push_back(spec.layers[i].id);
            if (shapes.empty()) continue;
            const nn::Shape carried = s < 0 ? inputShape : shapes[std::size_t(s)];
            auto* label = scene.addSimpleText(shapeText(carried));
            label->setBrush(theme.color(QStringLiteral("muted")));
            const QPointF a = from->pos() + QPointF(LayerItem::kWidth, 14), b = placed.items[i]->pos() + QPointF(0, 14);
            label->setPos((a + b) / 2 - QPointF(label->boundingRect().width() / 2, 18));
            label->setZValue(2);
        }
    return placed;
}

} // namespace layerlab::widgets::canvas
