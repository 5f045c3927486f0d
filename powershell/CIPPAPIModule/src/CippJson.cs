// CippJson: PowerShell object building for the CIPPAPIModule module (System.Management.Automation needed).
//
// Compiled by the module's loader together with the .NET binding (bindings/csharp/*.cs, lib/*.cs in a package) into
// one assembly; not part of the binding a plain .NET program uses (bindings/csharp/CippApi.csproj leaves it out).

using System;
using System.Collections.Generic;
using System.Text;

namespace CippApi
{
    /// <summary>
    /// Turns a UTF-8 JSON body into exactly the objects PowerShell 7's <c>ConvertFrom-Json -NoEnumerate</c> returns,
    /// reading the bytes with <see cref="System.Text.Json.Utf8JsonReader"/> (no token tree, no UTF-16 copy of the body).
    /// </summary>
    /// <remarks>
    /// <para>What ConvertFrom-Json builds (Newtonsoft.Json with DateParseHandling.DateTime, DateTimeZoneHandling.RoundtripKind,
    /// then PSObjects) and what this class builds the same way: an object is a new <c>PSObject</c> (a PSCustomObject) with a
    /// <c>PSNoteProperty</c> per member in document order; an array is an <c>object[]</c>; a string is a <c>string</c>, except
    /// that a string of 19 to 40 characters that starts with a digit, has 'T' at index 10 and is a date in Newtonsoft's ISO
    /// grammar is a <c>DateTime</c> (no zone: Unspecified; Z: Utc; an offset: converted to Local); an integer is an
    /// <c>Int64</c>, or a <c>BigInteger</c> beyond Int64; a number with a fraction or exponent is a <c>Double</c> (overflow
    /// gives infinity); true/false are <c>Boolean</c>; null is null.</para>
    /// <para>Where the result could differ from ConvertFrom-Json the Try methods return false and build nothing, and the
    /// caller runs ConvertFrom-Json on the text (which either parses it its own way or fails the same way it always did):
    /// text that is not strict JSON (Newtonsoft also reads comments, single quotes, unquoted names, trailing commas, NaN,
    /// hexadecimal and leading-zero numbers, a byte order mark), nesting deeper than <see cref="MaxDepth"/>, a property name
    /// that is empty, repeated in any letter case, or reserved by PowerShell (psobject, psbase, ...), a "/Date(...)/" string,
    /// an integer of more than 300 characters, a lone surrogate escape, invalid UTF-8, and a date Newtonsoft cannot build
    /// (24:00:00 on 9999-12-31).</para>
    /// <para>Streaming (<see cref="TryConvertFromJsonStreamed"/>): a big top-level array is first checked end to end
    /// without building anything (every decline above is decided then, in the same code with building off), then built
    /// one element per enumeration step by a reader resumed from its saved state, so only the body's bytes and the
    /// rows still held downstream are in memory.</para>
    /// <para>Part of the PowerShell module, not of the .NET binding: it needs System.Management.Automation, and the module
    /// compiles it into the same assembly as the binding (it reads <see cref="CippResponse.BodyBytes"/>). Thread safe (the
    /// only shared state is the <see cref="StreamedElements"/> counter).</para>
    /// </remarks>
    public static class CippJson
    {
        /// <summary>The deepest nesting converted here; deeper documents are left to ConvertFrom-Json (its limit is 1024).</summary>
        public const int MaxDepth = 1000;

        private const int MaxIntegerLength = 300;
        private static readonly UTF8Encoding StrictUtf8 = new UTF8Encoding(false, true);
        private static readonly object BoxedTrue = true;
        private static readonly object BoxedFalse = false;
        private static readonly object[] SmallIntegers = CreateSmallIntegers();
        private static readonly string[] ReservedNames = { "psbase", "psadapted", "psextended", "psobject", "pstypenames" };
        internal static readonly System.Text.Json.JsonReaderOptions ReaderOptions = new System.Text.Json.JsonReaderOptions
        {
            CommentHandling = System.Text.Json.JsonCommentHandling.Disallow,
            AllowTrailingCommas = false,
            MaxDepth = MaxDepth,
        };
        private static long s_streamedElements;

        /// <summary>The smallest body whose top-level array <see cref="TryConvertFromJsonStreamed"/> streams; smaller
        /// ones are built at once (their objects are few, and one pass is faster than check-then-build).</summary>
        public const int StreamMinBytes = 256 * 1024;

        /// <summary>How many array elements the streamed conversions of this process have built so far (a diagnostic:
        /// it shows that rows reach the pipeline one at a time, e.g. one element built when the first row arrives).</summary>
        public static long StreamedElements => System.Threading.Interlocked.Read(ref s_streamedElements);

        internal static void CountStreamedElement() => System.Threading.Interlocked.Increment(ref s_streamedElements);

        /// <summary>Converts a response's body (its UTF-8 bytes, without decoding it to a string). Returns false when
        /// the body is empty or must go through ConvertFrom-Json (see the class remarks).</summary>
        public static bool TryConvertFromJson(CippResponse response, out object result)
        {
            if (response == null) throw new ArgumentNullException(nameof(response));
            return TryConvertFromJson(new ReadOnlySpan<byte>(response.BodyBytes), out result);
        }

        /// <summary>Like <see cref="TryConvertFromJson(CippResponse, out object)"/>, for writing the value to a pipeline:
        /// when it is a top-level array and the body has at least <see cref="StreamMinBytes"/>, result is a
        /// <see cref="CippJsonArray"/> that builds each element only as it is enumerated, so a downstream command gets
        /// the first row before the second is built. The whole body is checked first, so a declined body still declines
        /// here (nothing was written) and the enumeration gives exactly ConvertFrom-Json's elements.</summary>
        public static bool TryConvertFromJsonStreamed(CippResponse response, out object result)
        {
            if (response == null) throw new ArgumentNullException(nameof(response));
            byte[] utf8 = response.BodyBytes;
            if (utf8.Length < StreamMinBytes || !StartsWithArray(utf8)) return TryConvertFromJson(new ReadOnlySpan<byte>(utf8), out result);
            var builder = new Builder();
            if (!TryRun(builder, utf8, false, out result)) return false;
            result = new CippJsonArray(utf8, builder);
            return true;
        }

        /// <summary>Converts UTF-8 JSON bytes to what <c>ConvertFrom-Json -NoEnumerate</c> returns: a PSObject, an
        /// object[], a scalar or null. Returns false (result null) when the bytes must go through ConvertFrom-Json.</summary>
        internal static bool TryConvertFromJson(ReadOnlySpan<byte> utf8, out object result)
        {
            result = null;
            // ConvertFrom-Json sees a byte order mark as a character; leave that (and an empty body) to it.
            if (utf8.Length == 0 || (utf8.Length >= 3 && utf8[0] == 0xEF && utf8[1] == 0xBB && utf8[2] == 0xBF)) return false;
            return TryRun(new Builder(), utf8, true, out result);
        }

        private static bool TryRun(Builder builder, ReadOnlySpan<byte> utf8, bool build, out object result)
        {
            try
            {
                return builder.Run(utf8, build, out result);
            }
            catch (Exception e) when (e is System.Text.Json.JsonException || e is InvalidOperationException
                || e is ArgumentException || e is FormatException || e is OverflowException
                || e is System.Management.Automation.ExtendedTypeSystemException)
            {
                // Not strict JSON, invalid UTF-8 or surrogates, a date out of range: the caller's ConvertFrom-Json
                // decides (and fails, if it fails, with its own message).
                result = null;
                return false;
            }
        }

        private static bool StartsWithArray(byte[] utf8)
        {
            foreach (byte b in utf8)
            {
                if (b == '[') return true;
                if (b != ' ' && b != '\t' && b != '\r' && b != '\n') return false;
            }
            return false;
        }

        private static object[] CreateSmallIntegers()
        {
            var boxes = new object[256];
            for (int i = 0; i < boxes.Length; i++) boxes[i] = (long)i;
            return boxes;
        }

        /// <summary>One conversion: the container stack and the string caches (repeated names and short values are
        /// decoded once per body; the caches are bounded and only save memory, they change no value).</summary>
        internal sealed class Builder
        {
            private Frame[] _frames = new Frame[8];
            private int _depth = -1;
            private readonly StringCache _names = new StringCache(1024, 128);
            private readonly StringCache _values = new StringCache(4096, 48);

            private sealed class Frame
            {
                public System.Management.Automation.PSObject Obj;
                public List<object> Items;
                public string Name;
                public bool IsObject;
                public readonly HashSet<string> Names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            }

            /// <summary>Converts (build) or only checks (not build: nothing is allocated but the caches) a whole
            /// document. False: the document must go through ConvertFrom-Json.</summary>
            public bool Run(ReadOnlySpan<byte> utf8, bool build, out object result)
            {
                result = null;
                var reader = new System.Text.Json.Utf8JsonReader(utf8, ReaderOptions);
                if (!reader.Read() || !ReadValue(ref reader, build, out result)) return false;
                // Read() returns false only at the end of a complete value followed by nothing but whitespace (it
                // throws on anything else).
                if (reader.Read())
                {
                    result = null;
                    return false;
                }
                return true;
            }

            /// <summary>Reads the value that starts at the reader's current token, leaving the reader on its last
            /// token. Both modes decline the same inputs (every check is made in both), so a document that passed the
            /// check is then built without a decline or an exception.</summary>
            public bool ReadValue(ref System.Text.Json.Utf8JsonReader reader, bool build, out object result)
            {
                result = null;
                _depth = -1;
                do
                {
                    object value;
                    switch (reader.TokenType)
                    {
                        case System.Text.Json.JsonTokenType.StartObject:
                            {
                                Frame f = Push();
                                f.IsObject = true;
                                if (build) f.Obj = new System.Management.Automation.PSObject();
                                continue;
                            }
                        case System.Text.Json.JsonTokenType.StartArray:
                            {
                                Frame f = Push();
                                f.IsObject = false;
                                if (build && f.Items == null) f.Items = new List<object>();
                                continue;
                            }
                        case System.Text.Json.JsonTokenType.PropertyName:
                            {
                                Frame f = _frames[_depth];
                                string name = ReadName(ref reader);
                                // ConvertFrom-Json fails on an empty name, on names equal but for case and on the
                                // names PSObject reserves, and keeps only the last of exact duplicates (moved to the
                                // end): all left to it.
                                if (name.Length == 0 || IsReservedName(name) || !f.Names.Add(name)) return false;
                                f.Name = name;
                                continue;
                            }
                        case System.Text.Json.JsonTokenType.EndObject:
                            {
                                Frame f = _frames[_depth--];
                                value = f.Obj;
                                f.Obj = null;
                                f.Name = null;
                                f.Names.Clear();
                                break;
                            }
                        case System.Text.Json.JsonTokenType.EndArray:
                            {
                                Frame f = _frames[_depth--];
                                value = null;
                                if (build)
                                {
                                    value = f.Items.Count == 0 ? Array.Empty<object>() : f.Items.ToArray();
                                    f.Items.Clear();
                                }
                                break;
                            }
                        case System.Text.Json.JsonTokenType.String:
                            if (!(build ? TryReadStringValue(ref reader, out value) : CheckStringValue(ref reader, out value))) return false;
                            break;
                        case System.Text.Json.JsonTokenType.Number:
                            if (!(build ? TryReadNumber(reader.ValueSpan, out value) : CheckNumber(reader.ValueSpan, out value))) return false;
                            break;
                        case System.Text.Json.JsonTokenType.True:
                            value = BoxedTrue;
                            break;
                        case System.Text.Json.JsonTokenType.False:
                            value = BoxedFalse;
                            break;
                        case System.Text.Json.JsonTokenType.Null:
                            value = null;
                            break;
                        default:
                            return false;
                    }

                    if (_depth < 0)
                    {
                        result = value;
                        return true;
                    }
                    if (build)
                    {
                        Frame parent = _frames[_depth];
                        if (parent.IsObject)
                        {
                            parent.Obj.Properties.Add(new System.Management.Automation.PSNoteProperty(parent.Name, value));
                        }
                        else
                        {
                            parent.Items.Add(value);
                        }
                    }
                }
                while (reader.Read());
                return false;
            }

            private Frame Push()
            {
                _depth++;
                if (_depth == _frames.Length) Array.Resize(ref _frames, _frames.Length * 2);
                Frame f = _frames[_depth];
                if (f == null)
                {
                    f = new Frame();
                    _frames[_depth] = f;
                }
                return f;
            }

            private string ReadName(ref System.Text.Json.Utf8JsonReader reader)
            {
                // (Utf8JsonReader.ValueIsEscaped is .NET 7+: a raw value with a backslash has escapes.)
                ReadOnlySpan<byte> raw = reader.ValueSpan;
                if (raw.IndexOf((byte)'\\') >= 0) return reader.GetString();
                if (_names.TryGet(raw, out int slot, out object cached)) return (string)cached;
                string name = StrictUtf8.GetString(raw);
                _names.Set(slot, raw, name);
                return name;
            }

            private bool TryReadStringValue(ref System.Text.Json.Utf8JsonReader reader, out object value)
            {
                int slot = -1;
                ReadOnlySpan<byte> raw = reader.ValueSpan;
                string text;
                if (raw.IndexOf((byte)'\\') >= 0)
                {
                    text = reader.GetString();
                }
                else
                {
                    if (_values.TryGet(raw, out slot, out value)) return true;
                    text = StrictUtf8.GetString(raw);
                }

                if (!TryNewtonsoftValue(text, out value)) return false;
                if (slot >= 0) _values.Set(slot, raw, value);
                return true;
            }
            /// <summary>The check-only twin of <see cref="TryReadStringValue"/>: decodes only what could decline (escapes,
            /// non-ASCII bytes, which must be valid UTF-8, and texts that could be a date or a "/Date(...)/").</summary>
            private bool CheckStringValue(ref System.Text.Json.Utf8JsonReader reader, out object value)
            {
                value = null;
                ReadOnlySpan<byte> raw = reader.ValueSpan;
                int n = raw.Length;
                bool plain = n == 0 || (raw[0] != '/' && !(n >= 19 && n <= 40 && raw[0] >= '0' && raw[0] <= '9' && raw[10] == 'T'));
                for (int i = 0; plain && i < n; i++)
                {
                    byte b = raw[i];
                    if (b >= 0x80 || b == '\\') plain = false;
                }
                return plain || TryReadStringValue(ref reader, out value);
            }
        }

        /// <summary>The value Newtonsoft gives a JSON string (DateParseHandling.DateTime, RoundtripKind); false when it
        /// is a Microsoft "/Date(...)/" string (left to ConvertFrom-Json).</summary>
        private static bool TryNewtonsoftValue(string text, out object value)
        {
            value = text;
            int n = text.Length;
            if (n == 0) return true;
            if (text[0] == '/')
            {
                return !(n >= 9 && text.StartsWith("/Date(", StringComparison.Ordinal) && text.EndsWith(")/", StringComparison.Ordinal));
            }
            if (n >= 19 && n <= 40 && char.IsDigit(text[0]) && text[10] == 'T' && TryParseIsoDate(text, out DateTime date))
            {
                value = date;
            }
            return true;
        }

        /// <summary>Newtonsoft's ISO-8601 reading (its DateTimeParser and DateTimeUtils.TryParseDateTimeIso), quirks
        /// included: hour 24 only as 24:00:00 (the next day), 1 to 7 fraction digits, Z or z, an offset of +HH, +HHmm
        /// or +HH:mm (minutes optional after the colon) with hours and minutes up to 99, and 2 unused digits or ':' and
        /// 2 unused digits where a zone would be. May throw ArgumentOutOfRangeException (the caller defers).</summary>
        private static bool TryParseIsoDate(string s, out DateTime value)
        {
            value = default;
            int n = s.Length;
            if (!Digits(s, 0, 4, out int year) || year < 1 || s[4] != '-'
                || !Digits(s, 5, 2, out int month) || month < 1 || month > 12 || s[7] != '-'
                || !Digits(s, 8, 2, out int day) || day < 1 || day > DateTime.DaysInMonth(year, month) || s[10] != 'T'
                || !Digits(s, 11, 2, out int hour) || hour > 24 || s[13] != ':'
                || !Digits(s, 14, 2, out int minute) || minute > 59 || s[16] != ':'
                || !Digits(s, 17, 2, out int second) || second > 59
                || (hour == 24 && (minute != 0 || second != 0)))
            {
                return false;
            }

            int p = 19;
            long fraction = 0;
            if (p < n && s[p] == '.')
            {
                p++;
                int digits = 0;
                while (p < n && digits < 7 && s[p] >= '0' && s[p] <= '9')
                {
                    fraction = fraction * 10 + (s[p] - '0');
                    digits++;
                    p++;
                }
                if (digits == 0) return false;
                for (int i = digits; i < 7; i++) fraction *= 10;
                if (hour == 24 && fraction != 0) return false;
            }

            // Zone: 0 none, 1 Z, 2 west (-), 3 east (+).
            int zone = 0;
            int zoneHour = 0;
            int zoneMinute = 0;
            if (p < n)
            {
                char c = s[p];
                if (c == 'Z' || c == 'z')
                {
                    zone = 1;
                    p++;
                }
                else
                {
                    if (Digits(s, p + 1, 2, out int h) && (c == '-' || c == '+'))
                    {
                        zone = c == '-' ? 2 : 3;
                        zoneHour = h;
                        p += 3;
                    }
                    if (p < n)
                    {
                        if (s[p] == ':') p++;
                        if (Digits(s, p, 2, out int m))
                        {
                            zoneMinute = m;
                            p += 2;
                        }
                    }
                }
            }
            if (p != n) return false;

            DateTime d = new DateTime(year, month, day, hour == 24 ? 0 : hour, minute, second).AddTicks(fraction);
            if (hour == 24) d = d.AddDays(1);
            switch (zone)
            {
                case 1:
                    d = new DateTime(d.Ticks, DateTimeKind.Utc);
                    break;
                case 2:
                case 3:
                    {
                        long offset = new TimeSpan(zoneHour, zoneMinute, 0).Ticks;
                        long ticks = zone == 2 ? d.Ticks + offset : d.Ticks - offset;
                        if (ticks >= DateTime.MinValue.Ticks && ticks <= DateTime.MaxValue.Ticks)
                        {
                            d = new DateTime(ticks, DateTimeKind.Utc).ToLocalTime();
                        }
                        else
                        {
                            ticks += TimeZoneInfo.Local.GetUtcOffset(d).Ticks;
                            if (ticks > DateTime.MaxValue.Ticks) ticks = DateTime.MaxValue.Ticks;
                            if (ticks < DateTime.MinValue.Ticks) ticks = DateTime.MinValue.Ticks;
                            d = new DateTime(ticks, DateTimeKind.Local);
                        }
                        break;
                    }
            }
            value = d;
            return true;
        }

        private static bool Digits(string s, int start, int count, out int value)
        {
            value = 0;
            if (start + count > s.Length) return false;
            for (int i = start; i < start + count; i++)
            {
                int digit = s[i] - '0';
                if (digit < 0 || digit > 9) return false;
                value = value * 10 + digit;
            }
            return true;
        }

        /// <summary>Newtonsoft's number reading: Int64 when the integer fits, else BigInteger; Double (with .NET's parse
        /// of the same text) for a fraction or exponent.</summary>
        private static bool TryReadNumber(ReadOnlySpan<byte> raw, out object value)
        {
            value = null;
            bool isFloat = IsFloat(raw);
            if (!isFloat && raw.Length <= 18)
            {
                // At most 18 characters: fits in an Int64 with room to spare.
                bool negative = raw[0] == '-';
                long number = 0;
                for (int i = negative ? 1 : 0; i < raw.Length; i++) number = number * 10 + (raw[i] - '0');
                if (negative) number = -number;
                value = number >= 0 && number < SmallIntegers.Length ? SmallIntegers[number] : number;
                return true;
            }
            if (!isFloat && raw.Length > MaxIntegerLength) return false;

            Span<char> chars = raw.Length <= 256 ? stackalloc char[raw.Length] : new char[raw.Length];
            for (int i = 0; i < raw.Length; i++) chars[i] = (char)raw[i];
            var invariant = System.Globalization.CultureInfo.InvariantCulture;
            if (isFloat)
            {
                value = double.Parse(chars, System.Globalization.NumberStyles.Float, invariant);
            }
            else if (long.TryParse(chars, System.Globalization.NumberStyles.AllowLeadingSign, invariant, out long big))
            {
                value = big;
            }
            else
            {
                value = System.Numerics.BigInteger.Parse(chars, System.Globalization.NumberStyles.AllowLeadingSign, invariant);
            }
            return true;
        }

        private static bool IsFloat(ReadOnlySpan<byte> raw)
        {
            for (int i = 0; i < raw.Length; i++)
            {
                byte b = raw[i];
                if (b == '.' || b == 'e' || b == 'E') return true;
            }
            return false;
        }

        /// <summary>The check-only twin of <see cref="TryReadNumber"/> (the only number it declines).</summary>
        private static bool CheckNumber(ReadOnlySpan<byte> raw, out object value)
        {
            value = null;
            return raw.Length <= MaxIntegerLength || IsFloat(raw);
        }

        /// <summary>The member names a PSObject refuses for a note property (adding one throws).</summary>
        private static bool IsReservedName(string name)
        {
            if (name.Length < 6 || name.Length > 11 || (name[0] != 'p' && name[0] != 'P')) return false;
            foreach (string reserved in ReservedNames)
            {
                if (string.Equals(name, reserved, StringComparison.OrdinalIgnoreCase)) return true;
            }
            return false;
        }

        /// <summary>A small direct-mapped cache from UTF-8 bytes to the decoded value (collisions overwrite).</summary>
        private sealed class StringCache
        {
            private readonly byte[][] _keys;
            private readonly object[] _values;
            private readonly int _mask;
            private readonly int _maxLength;

            public StringCache(int size, int maxLength)
            {
                _keys = new byte[size][];
                _values = new object[size];
                _mask = size - 1;
                _maxLength = maxLength;
            }

            /// <summary>Looks the bytes up; <paramref name="slot"/> is where to <see cref="Set"/> them, or -1 when they
            /// are too long to cache.</summary>
            public bool TryGet(ReadOnlySpan<byte> key, out int slot, out object value)
            {
                value = null;
                if (key.Length > _maxLength)
                {
                    slot = -1;
                    return false;
                }
                uint hash = 2166136261;
                for (int i = 0; i < key.Length; i++) hash = (hash ^ key[i]) * 16777619;
                slot = (int)(hash & (uint)_mask);
                byte[] existing = _keys[slot];
                if (existing != null && key.SequenceEqual(existing))
                {
                    value = _values[slot];
                    return true;
                }
                return false;
            }

            public void Set(int slot, ReadOnlySpan<byte> key, object value)
            {
                if (slot < 0) return;
                _keys[slot] = key.ToArray();
                _values[slot] = value;
            }
        }
    }

    /// <summary>The elements of a top-level JSON array that <see cref="CippJson.TryConvertFromJsonStreamed"/> has
    /// checked, each built (exactly as ConvertFrom-Json builds it) only when the enumeration reaches it: PowerShell writes
    /// an enumerable's elements to the pipeline one at a time, so only the rows a downstream command still holds are in
    /// memory, besides the body's bytes.</summary>
    /// <remarks>Every enumeration reads the bytes from the start again; an enumerator is for one thread.</remarks>
    public sealed class CippJsonArray : IEnumerable<object>
    {
        private readonly byte[] _utf8;
        private CippJson.Builder _checked;

        internal CippJsonArray(byte[] utf8, CippJson.Builder checkedWith)
        {
            _utf8 = utf8;
            _checked = checkedWith;
        }

        /// <summary>An enumerator that builds the elements in order, one per MoveNext.</summary>
        public IEnumerator<object> GetEnumerator()
        {
            // The first enumeration reuses the check's string caches (warm); later ones start their own.
            CippJson.Builder builder = System.Threading.Interlocked.Exchange(ref _checked, null) ?? new CippJson.Builder();
            return new Enumerator(_utf8, builder);
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        private sealed class Enumerator : IEnumerator<object>
        {
            private readonly byte[] _utf8;
            private readonly CippJson.Builder _builder;
            private System.Text.Json.JsonReaderState _state;
            private int _consumed;
            private bool _started;
            private bool _done;

            public Enumerator(byte[] utf8, CippJson.Builder builder)
            {
                _utf8 = utf8;
                _builder = builder;
                _state = new System.Text.Json.JsonReaderState(CippJson.ReaderOptions);
            }

            public object Current { get; private set; }

            public bool MoveNext()
            {
                if (_done) return false;
                // A reader is a ref struct: each element gets a new one over the rest of the bytes, resumed from the state.
                var reader = new System.Text.Json.Utf8JsonReader(new ReadOnlySpan<byte>(_utf8, _consumed, _utf8.Length - _consumed), true, _state);
                if (!_started)
                {
                    reader.Read();
                    _started = true;
                }
                reader.Read();
                if (reader.TokenType == System.Text.Json.JsonTokenType.EndArray)
                {
                    _done = true;
                    Current = null;
                    return false;
                }
                if (!_builder.ReadValue(ref reader, true, out object value))
                {
                    throw new InvalidOperationException("CippJson: an element of a checked JSON array could not be built; this is a bug in CippJson.cs.");
                }
                Current = value;
                _state = reader.CurrentState;
                _consumed += (int)reader.BytesConsumed;
                CippJson.CountStreamedElement();
                return true;
            }

            public void Reset() => throw new NotSupportedException("Enumerate the CippJsonArray again instead.");

            public void Dispose()
            {
            }
        }
    }
}
