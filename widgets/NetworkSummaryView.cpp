#include "NetworkSummaryView.h"

#include <QHeaderView>

namespace layerlab::widgets {

using namespace layerlab::engine;

NetworkSummaryView::NetworkSummaryView(QWidget* parent) : QTreeWidget(parent) {
    setColumnCount(3);
    setHeaderLabels({tr("Layer"), tr("Settings"), tr("Width")});
    setRootIsDecorated(false);
    header()->setSectionResizeMode(QHeaderView::ResizeToContents);
}

void NetworkSummaryView::setSpec(const nn::NetworkSpec& spec) {
    clear();
    const QString fromData = tr("from data");
    addTopLevelItem(new QTreeWidgetItem({tr("input"), QString(), spec.inputs ? QString::number(spec.inputs) : fromData}));
    QString width = spec.inputs ? QString::number(spec.inputs) : fromData;
    for (const auto& l : spec.layers) {
        QString settings;
        switch (l.type) {
        case nn::LayerType::Dense:
            settings = QString::fromUtf8(nn::initializerName(l.init).data());
            width = l.units ? QString::number(l.units) : fromData;
            break;
        case nn::LayerType::Activation: settings = QString::fromUtf8(nn::activationName(l.activation).data()); break;
        case nn::LayerType::Dropout: settings = tr("rate %1").arg(double(l.rate)); break;
        }
        addTopLevelItem(new QTreeWidgetItem({QString::fromUtf8(nn::layerTypeName(l.type).data()), settings, width}));
    }
}

} // namespace layerlab::widgets
