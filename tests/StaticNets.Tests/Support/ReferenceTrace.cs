using System;
using StaticNets.Reference;

namespace StaticNets.Tests.Support;

/// <summary>Pre-activations of a network, computed with <see cref="DenseReference"/>, to keep data away from kinks.</summary>
public static class ReferenceTrace
{
    /// <summary>
    /// The smallest |z| over every sample and every unit of the layers whose activation has a kink at 0 (ReLU,
    /// LeakyReLU, ELU), or +∞ if there are none. Finite differences across a kink measure neither one-sided slope.
    /// </summary>
    public static double SmallestKinkDistance(NetworkCase network, ReadOnlySpan<double> parameters, ReadOnlySpan<double> inputs)
    {
        int[] sizes = network.Sizes;
        int batch = inputs.Length / sizes[0];
        double smallest = double.PositiveInfinity;
        for (int s = 0; s < batch; s++)
        {
            double[] x = inputs.Slice(s * sizes[0], sizes[0]).ToArray();
            int offset = 0;
            for (int l = 0; l < network.Layers.Count; l++)
            {
                int fanIn = sizes[l], fanOut = sizes[l + 1];
                var z = new double[fanOut];
                var a = new double[fanOut];
                Activation activation = network.Layers[l].Activation;
                double parameter = network.Layers[l].ActivationParameter ?? ReferenceActivations.DefaultParameter(activation);
                DenseReference.Forward(parameters.Slice(offset, fanIn * fanOut), parameters.Slice(offset + fanIn * fanOut, fanOut),
                    activation, parameter, x, z, a);
                if (activation is Activation.ReLU or Activation.LeakyReLU or Activation.ELU)
                {
                    foreach (double value in z)
                    {
                        smallest = Math.Min(smallest, Math.Abs(value));
                    }
                }

                offset += fanIn * fanOut + fanOut;
                x = a;
            }
        }

        return smallest;
    }
}
