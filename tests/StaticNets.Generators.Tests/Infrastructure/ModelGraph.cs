using System;
using System.Collections;
using System.Collections.Generic;
using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace StaticNets.Generators.Tests.Infrastructure;

/// <summary>
/// Walks an object graph through every instance field, array element and boxed value, and lists what a pipeline model
/// must never hold: symbols, syntax, semantic models, compilations, locations, attribute data.
/// </summary>
internal static class ModelGraph
{
    private static readonly Type[] Forbidden =
    [
        typeof(ISymbol), typeof(SyntaxNode), typeof(SyntaxTree), typeof(SyntaxToken), typeof(SyntaxReference),
        typeof(Compilation), typeof(SemanticModel), typeof(Location), typeof(AttributeData), typeof(TypedConstant),
    ];

    /// <summary>The paths (e.g. <c>Layers._items[0]</c>) at which the graph reaches a forbidden Roslyn object, and the types seen.</summary>
    public static (List<string> Violations, HashSet<Type> Types) Walk(object root)
    {
        var violations = new List<string>();
        var types = new HashSet<Type>();
        var visited = new HashSet<object>(ReferenceEqualityComparer.Instance);
        Visit(root, root.GetType().Name, violations, types, visited);
        return (violations, types);
    }

    private static void Visit(object? value, string path, List<string> violations, HashSet<Type> types, HashSet<object> visited)
    {
        if (value is null)
        {
            return;
        }

        Type type = value.GetType();
        types.Add(type);
        foreach (Type forbidden in Forbidden)
        {
            if (forbidden.IsAssignableFrom(type))
            {
                violations.Add($"{path}: {type.FullName} is a {forbidden.Name}");
                return;
            }
        }

        if (type.IsPrimitive || type.IsEnum || value is string || value is decimal)
        {
            return;
        }

        if (!type.IsValueType && !visited.Add(value))
        {
            return;
        }

        if (value is Array array)
        {
            int k = 0;
            foreach (object? element in (IEnumerable)array)
            {
                Visit(element, $"{path}[{k++}]", violations, types, visited);
            }

            return;
        }

        for (Type? current = type; current is not null && current != typeof(object); current = current.BaseType)
        {
            foreach (FieldInfo field in current.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                Visit(field.GetValue(value), $"{path}.{field.Name}", violations, types, visited);
            }
        }
    }
}
