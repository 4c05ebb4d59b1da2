namespace Api.Data.QueryCache;

/// <summary>A column of a buffered result: what <see cref="System.Data.Common.DbDataReader"/> reports about it.</summary>
internal sealed record ResultColumn(string Name, Type FieldType, string DataTypeName);
