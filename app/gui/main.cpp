// The LayerLab workbench. Usage: layerlab [PROJECT.layerlab]
#include "MainWindow.h"

#include <QApplication>
#include <QCommandLineParser>

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("LayerLab"));
    QApplication::setOrganizationName(QStringLiteral("LayerLab"));
    QApplication::setApplicationVersion(QStringLiteral(LAYERLAB_VERSION));
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Design, train and inspect neural networks on your own data."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("project"), QStringLiteral("A .layerlab project to open."));
    parser.process(app);

    layerlab::app::MainWindow window;
    window.show();
    if (!parser.positionalArguments().isEmpty()) window.openProject(parser.positionalArguments().first());
    return QApplication::exec();
}
