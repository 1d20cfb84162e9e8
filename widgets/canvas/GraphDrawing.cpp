#include "GraphDrawing.h"

#include "ConnectionItem.h"
#include "LayerItem.h"
#include "../Text.h"
#include "style/Theme.h"

#include <QCoreApplication>
#include <QGraphicsScene>
#include <QFont>
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
    // Every card draws its neurons (a graph's live values are on every layer, not only the
    // dense ones); only the output differs.
    look.role = LayerItem::Role::Hidden;
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

std::vector<int> GraphDrawing::rows(const std::vector<std::vector<int>>& sources, const std::vector<bool>& merges,
                                    const std::vector<int>& columns) {
    const std::size_t n = sources.size();
    std::vector<int> row(n, 0);
    // Which layers feed a merge (their row is kept for it), and which rows a source gave away.
    std::vector<bool> feedsMerge(n + 1, false); // index n: the input row
    const auto slot = [&](int s) { return s < 0 ? n : std::size_t(s); };
    for (std::size_t i = 0; i < n; ++i)
        if (merges[i])
            for (const int s : sources[i]) feedsMerge[slot(s)] = true;
    std::vector<bool> given(n + 1, false);
    std::vector<int> rowOf(n + 1, 0);
    std::map<std::pair<int, int>, bool> taken; // (column, row)
    for (std::size_t i = 0; i < n; ++i) {
        int r = 0;
        if (merges[i]) {
            r = rowOf[slot(sources[i][0])];
            for (const int s : sources[i]) r = std::min(r, rowOf[slot(s)]);
        } else {
            const std::size_t s = slot(sources[i][0]);
            r = rowOf[s];
            if (given[s] || feedsMerge[s]) r += 1; // the source's row is its merge's, or another reader's
            given[s] = true;
        }
        while (taken[{columns[i], r}]) ++r;
        taken[{columns[i], r}] = true;
        row[i] = rowOf[i] = r;
    }
    return row;
}

GraphDrawing::Placed GraphDrawing::draw(QGraphicsScene& scene, const nn::NetworkSpec& spec, LayerItem* input, const QString& target,
                                        const Shapes& given, const std::vector<DesignIssue>& issues, qreal columnPitch) {
    Placed placed;
    std::vector<std::vector<int>> sources;
    try {
        sources = spec.sources();
    } catch (const std::exception&) {
        return placed; // the design check names the broken reference
    }
    const bool known = given.layers.size() == spec.layers.size();
    const std::vector<nn::Shape> shapes = known ? given.layers : std::vector<nn::Shape>{};
    const std::vector<int> column = columns(sources);
    std::vector<bool> merges;
    for (const auto& l : spec.layers) merges.push_back(nn::LayerSpec::isMerge(l.type));
    const std::vector<int> row = rows(sources, merges, column);
    // Rows as tall as the tallest card, so branches never overlap.
    std::vector<LayerItem*> items;
    qreal tallest = input->boundingRect().height();
    for (std::size_t i = 0; i < spec.layers.size(); ++i) {
        LayerItem::Look look = lookOf(spec, i, shapes, target);
        look.warningOnly = true;
        for (const auto& issue : issues) {
            if (issue.layerId != spec.layers[i].id || spec.layers[i].id == 0) continue;
            look.problem += (look.problem.isEmpty() ? QString() : QStringLiteral("\n")) + issue.message;
            if (issue.severity == DesignIssue::Severity::Error) look.warningOnly = false;
        }
        auto* item = new LayerItem(spec.layers[i].id, look);
        item->setFlag(QGraphicsItem::ItemIsMovable, false); // read-only drawing (see the header)
        tallest = std::max(tallest, item->boundingRect().height());
        items.push_back(item);
    }
    const qreal rowPitch = tallest + 70;
    for (std::size_t i = 0; i < items.size(); ++i) {
        scene.addItem(items[i]);
        items[i]->setPos(column[i] * columnPitch, row[i] * rowPitch);
        placed.items.push_back(items[i]);
    }
    const auto& theme = style::Theme::instance();
    for (std::size_t i = 0; i < spec.layers.size(); ++i) {
        int offset = 0; // a concatenation's part starts after the parts before it
        for (const int s : sources[i]) {
            LayerItem* from = s < 0 ? input : placed.items[std::size_t(s)];
            auto* c = new ConnectionItem(from, placed.items[i]);
            switch (spec.layers[i].type) {
            case nn::LayerType::Activation:
            case nn::LayerType::Dropout:
            case nn::LayerType::Add:
            case nn::LayerType::BatchNorm:
            case nn::LayerType::LayerNorm: c->setElementwise(0); break;
            case nn::LayerType::Concat: c->setElementwise(offset); break;
            case nn::LayerType::Dense:
            case nn::LayerType::Embedding:
            case nn::LayerType::Recurrent:
            case nn::LayerType::Select: break; // all to all (a select's picks are not drawn apart)
            }
            if (known) offset += (s < 0 ? given.input : shapes[std::size_t(s)]).width;
            scene.addItem(c);
            placed.connections.push_back(c);
            placed.targets.push_back(spec.layers[i].id);
            if (!known) continue;
            // The shape it carries, in the gap just before the card it enters, above the line.
            const nn::Shape carried = s < 0 ? given.input : shapes[std::size_t(s)];
            auto* label = scene.addSimpleText(shapeText(carried));
            label->setBrush(theme.color(QStringLiteral("text")));
            QFont font = label->font();
            font.setPointSizeF(font.pointSizeF() * 0.85);
            label->setFont(font);
            const QPointF to = placed.items[i]->pos();
            const qreal gap = columnPitch - LayerItem::kWidth;
            const qreal y = from->pos().y() == to.y() ? to.y() - label->boundingRect().height() - 2
                                                      : (from->pos().y() + to.y()) / 2 + rowPitch / 4;
            label->setPos(to.x() - gap / 2 - label->boundingRect().width() / 2, y);
            label->setZValue(2);
        }
    }
    return placed;
}

} // namespace layerlab::widgets::canvas
