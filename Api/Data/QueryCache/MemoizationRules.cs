using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;

namespace Api.Data.QueryCache;

/// <summary>
/// Whether a query's result may be handed to every caller with the same parameter: the result cannot be changed by
/// one caller under another, and nothing but the parameter and the database decides it.
/// </summary>
internal static class MemoizationRules
{
    private static readonly HashSet<Type> ImmutableLeaves =
    [
        typeof(string), typeof(decimal), typeof(DateTime), typeof(DateTimeOffset), typeof(DateOnly), typeof(TimeOnly),
        typeof(TimeSpan), typeof(Guid),
    ];

    /// <param name="shared">The type of what callers share: the result, or a list's elements.</param>
    public static void ThrowIfBroken(LambdaExpression query, Type shared)
    {
        if (MutablePart(shared, []) is { } mutable)
        {
            throw new InvalidOperationException(
                $"CachedQuery shares its result between callers, so {shared.Name} must be immutable, and {mutable} is not. "
                + "Return a record with positional or init-only properties, or use EF.CompileAsyncQuery.");
        }

        var outside = new OutsideInputFinder(query.Parameters[0]);
        outside.Visit(query.Body);
        if (outside.Found is { } input)
        {
            throw new InvalidOperationException(
                $"CachedQuery keys a result by its parameters, but the query also reads {input}, which could change between calls. "
                + "Pass it as a parameter, or use EF.CompileAsyncQuery.");
        }
    }

    /// <summary>The first writable field or mutable type reachable from the type's fields, or null.</summary>
    private static string? MutablePart(Type type, HashSet<Type> seen)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsPrimitive || type.IsEnum || ImmutableLeaves.Contains(type) || !seen.Add(type))
        {
            return null;
        }

        // What such a field holds is unknown until run time: it may be anything, a list included.
        if (type == typeof(object) || type.IsArray || type.IsInterface || type.IsAbstract)
        {
            return type.Name;
        }

        for (var declaring = type; declaring is not null && declaring != typeof(object); declaring = declaring.BaseType)
        {
            foreach (var field in declaring.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                if (!field.IsInitOnly)
                {
                    // An auto-property's backing field, <Name>k__BackingField, is named for its property.
                    var name = field.Name.StartsWith('<') ? field.Name[1..field.Name.IndexOf('>', StringComparison.Ordinal)] : field.Name;
                    return $"{declaring.Name}.{name}";
                }

                if (MutablePart(field.FieldType, seen) is { } inner)
                {
                    return inner;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Finds what EF Core would evaluate afresh at each execution besides the parameters: members of the context other
    /// than its sets, captured variables, static members other than readonly fields of immutable types, calls that
    /// depend on nothing in the query (a clock, a random number).
    /// </summary>
    private sealed class OutsideInputFinder(ParameterExpression context) : ExpressionVisitor
    {
        public string? Found { get; private set; }

        public override Expression? Visit(Expression? node)
        {
            if (Found is not null || node is null)
            {
                return node;
            }

            switch (node)
            {
                case MemberExpression { Expression: { } target } member when target == context:
                    Found = typeof(IQueryable).IsAssignableFrom(member.Type) ? null : $"the context's {member.Member.Name}";
                    return node;
                case MethodCallExpression { Object: { } target } call when target == context:
                    Found = call.Method.Name == nameof(DbContext.Set) ? null : $"the context's {call.Method.Name}()";
                    return node;
                case ParameterExpression parameter when parameter == context:
                    Found = "the context itself";
                    return node;
                case MemberExpression { Expression: null, Member: FieldInfo { IsInitOnly: true } field } when MutablePart(field.FieldType, []) is null:
                    // A static readonly string or number (string.Empty) cannot change.
                    return node;
                case MemberExpression { Expression: null } member when member.Member.DeclaringType != typeof(EF):
                    Found = $"{member.Member.DeclaringType?.Name}.{member.Member.Name}";
                    return node;
                case MemberExpression { Expression: ConstantExpression } member:
                    Found = $"the captured variable {member.Member.Name}";
                    return node;
                case MethodCallExpression or InvocationExpression when !ParameterFinder.Uses(node):
                    Found = node.ToString();
                    return node;
                default:
                    return base.Visit(node);
            }
        }
    }

    private sealed class ParameterFinder : ExpressionVisitor
    {
        private bool found;

        public static bool Uses(Expression node)
        {
            var finder = new ParameterFinder();
            finder.Visit(node);
            return finder.found;
        }

        protected override Expression VisitParameter(ParameterExpression node)
        {
            found = true;
            return node;
        }
    }
}
