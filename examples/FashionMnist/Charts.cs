using System;
using System.Collections.Generic;
using System.Linq;
using ScottPlot;
using StaticNets.Metrics;
using StaticNets.Training;

namespace FashionMnistExample;

/// <summary>The two pictures of a run: the training history and the confusion matrix.</summary>
internal static class Charts
{
    /// <summary>Loss (left) and accuracy (right) per epoch, training against validation.</summary>
    public static void SaveHistory(IReadOnlyList<EpochRecord> history, string title, string path)
    {
        double[] epochs = history.Select(r => (double)r.Epoch).ToArray();
        var validated = history.Where(r => r.HasValidation).ToArray();
        double[] validationEpochs = validated.Select(r => (double)r.Epoch).ToArray();

        var multiplot = new Multiplot();
        multiplot.AddPlots(2);
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Columns();

        Plot loss = multiplot.GetPlot(0);
        AddSeries(loss, epochs, history.Select(r => (double)r.TrainLoss).ToArray(), "training", Colors.C0);
        AddSeries(loss, validationEpochs, validated.Select(r => (double)r.ValidationLoss).ToArray(), "validation", Colors.C1);
        loss.Title($"{title}: loss");
        loss.XLabel("epoch");
        loss.YLabel("cross-entropy");
        loss.ShowLegend(Alignment.UpperRight);

        Plot accuracy = multiplot.GetPlot(1);
        AddSeries(accuracy, epochs, history.Select(r => (double)r.TrainAccuracy).ToArray(), "training", Colors.C0);
        AddSeries(accuracy, validationEpochs, validated.Select(r => (double)r.ValidationAccuracy).ToArray(), "validation", Colors.C1);
        accuracy.Title($"{title}: accuracy");
        accuracy.XLabel("epoch");
        accuracy.YLabel("accuracy");
        accuracy.ShowLegend(Alignment.LowerRight);

        multiplot.SavePng(path, 1400, 560);
    }

    /// <summary>A heat map of the confusion matrix with the class names on both axes and the counts in the cells.</summary>
    public static void SaveConfusionMatrix(ConfusionMatrix matrix, string title, string path)
    {
        int n = matrix.ClassCount;
        var fractions = new double[n, n];
        for (int label = 0; label < n; label++)
        {
            int support = Math.Max(matrix.Support(label), 1);
            for (int predicted = 0; predicted < n; predicted++)
            {
                fractions[label, predicted] = (double)matrix[label, predicted] / support;
            }
        }

        // One filled square per cell, white for 0 and dark blue for a whole row, with the count written on it.
        var plot = new Plot();
        for (int label = 0; label < n; label++)
        {
            for (int predicted = 0; predicted < n; predicted++)
            {
                double f = fractions[label, predicted];
                var cell = plot.Add.Rectangle(predicted - 0.5, predicted + 0.5, label - 0.5, label + 0.5);
                cell.FillColor = Color.FromARGB(0xFF000000u
                    | ((uint)(255 - f * (255 - 8)) << 16)
                    | ((uint)(255 - f * (255 - 48)) << 8)
                    | (uint)(255 - f * (255 - 107)));
                cell.LineWidth = 0;

                var text = plot.Add.Text(matrix[label, predicted].ToString(), predicted, label);
                text.LabelAlignment = Alignment.MiddleCenter;
                text.LabelFontSize = 13;
                text.LabelFontColor = f > 0.5 ? Colors.White : Colors.Black;
            }
        }

        double[] positions = Enumerable.Range(0, n).Select(k => (double)k).ToArray();
        string[] names = matrix.ClassNames.ToArray();
        plot.Axes.Bottom.SetTicks(positions, names);
        plot.Axes.Bottom.TickLabelStyle.Rotation = 45;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
        plot.Axes.Left.SetTicks(positions, names);
        plot.Axes.SetLimits(-0.5, n - 0.5, n - 0.5, -0.5);
        plot.Axes.Bottom.MinimumSize = 110;
        plot.Axes.Left.MinimumSize = 110;
        plot.Title($"{title} (rows: true class; colour: share of the row, white 0 to dark blue 1)");
        plot.XLabel("predicted");
        plot.YLabel("true");
        plot.Grid.IsVisible = false;
        plot.SavePng(path, 1000, 900);
    }

    private static void AddSeries(Plot plot, double[] xs, double[] ys, string label, Color color)
    {
        if (xs.Length == 0)
        {
            return;
        }

        var scatter = plot.Add.Scatter(xs, ys, color);
        scatter.LegendText = label;
        scatter.LineWidth = 2;
        scatter.MarkerSize = 5;
    }
}
