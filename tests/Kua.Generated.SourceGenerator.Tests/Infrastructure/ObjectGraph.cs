using System.Collections;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace Kua.Generated.SourceGenerator.Tests.Infrastructure;

/// <summary>
/// Walks everything reachable from a value through its instance fields (auto-properties included, as their
/// backing fields) and array elements; cycle-safe and iterative, so deep models cannot overflow the stack.
/// </summary>
internal static class ObjectGraph
{
    /// <summary>Every object reachable from <paramref name="roots"/>, each once, with the path it was first reached by.</summary>
    public static IReadOnlyList<(object Value, string Path)> Reachable(IEnumerable<(object? Value, string Path)> roots)
    {
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var found = new List<(object, string)>();
        var pending = new Stack<(object Value, string Path)>();
        foreach (var (value, path) in roots)
        {
            if (value != null)
            {
                pending.Push((value, path));
            }
        }

        while (pending.Count > 0)
        {
            var (value, path) = pending.Pop();
            var type = value.GetType();
            if (!type.IsValueType && !seen.Add(value))
            {
                continue;
            }

            found.Add((value, path));
            if (IsLeaf(type))
            {
                continue;
            }

            if (value is Array array)
            {
                if (!IsLeaf(type.GetElementType()!))
                {
                    var index = 0;
                    foreach (var item in array)
                    {
                        if (item != null)
                        {
                            pending.Push((item, path + "[" + index + "]"));
                        }

                        index++;
                    }
                }

                continue;
            }

            for (var current = type; current != null && current != typeof(object); current = current.BaseType)
            {
                foreach (var field in current.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                {
                    if (field.FieldType.IsPointer || field.FieldType.IsByRefLike)
                    {
                        continue;
                    }

                    var child = field.GetValue(value);
                    if (child != null)
                    {
                        pending.Push((child, path + "." + field.Name));
                    }
                }
            }
        }

        return found;
    }

    private static bool IsLeaf(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type.IsPointer ||
        typeof(Type).IsAssignableFrom(type) || typeof(MemberInfo).IsAssignableFrom(type) || typeof(Delegate).IsAssignableFrom(type);
}
