package funcs

import (
	"encoding/base64"
	"fmt"
	"net/url"
	"unicode/utf8"

	"github.com/google/uuid"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
)

// Base64EncodeFunc encodes a string with standard, padded base64.
var Base64EncodeFunc = stringFunc("Encodes a string to a base64 sequence.", "str",
	func(s string) (string, error) {
		return base64.StdEncoding.EncodeToString([]byte(s)), nil
	})

// Base64DecodeFunc decodes standard, padded base64; the result must be UTF-8.
var Base64DecodeFunc = stringFunc("Decodes a string containing a base64 sequence.", "str",
	func(s string) (string, error) {
		b, err := base64.StdEncoding.DecodeString(s)
		if err != nil {
			return "", fmt.Errorf("failed to decode base64 data '%s'", s)
		}
		if !utf8.Valid(b) {
			// Wording (including the doubled "the") matches buildx.
			return "", fmt.Errorf("the result of decoding the the provided string is not valid UTF-8")
		}
		return string(b), nil
	})

// URLEncodeFunc applies URL query encoding (url.QueryEscape) to a string.
var URLEncodeFunc = stringFunc("Applies URL encoding to a given string.", "str",
	func(s string) (string, error) { return url.QueryEscape(s), nil })

// UUIDV4Func returns a random (version 4) UUID.
var UUIDV4Func = function.New(&function.Spec{
	Description: "Generates and returns a Type-4 UUID in the standard hexadecimal string format.",
	Type:        function.StaticReturnType(cty.String),
	Impl: func([]cty.Value, cty.Type) (cty.Value, error) {
		u, err := uuid.NewRandom()
		if err != nil {
			return cty.NilVal, err
		}
		return cty.StringVal(u.String()), nil
	},
})

// UUIDV5Func returns a name-based (version 5, SHA-1) UUID. The namespace is
// one of "dns", "url", "oid", "x500" or a UUID string.
var UUIDV5Func = function.New(&function.Spec{
	Description: "Generates and returns a Type-5 UUID in the standard hexadecimal string format.",
	Params: []function.Parameter{
		{Name: "namespace", Type: cty.String},
		{Name: "name", Type: cty.String},
	},
	Type: function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		ns := args[0].AsString()
		var space uuid.UUID
		switch ns {
		case "dns":
			space = uuid.NameSpaceDNS
		case "url":
			space = uuid.NameSpaceURL
		case "oid":
			space = uuid.NameSpaceOID
		case "x500":
			space = uuid.NameSpaceX500
		default:
			var err error
			if space, err = uuid.Parse(ns); err != nil {
				return cty.NilVal, fmt.Errorf("uuidv5() doesn't support namespace %s (%v)", ns, err)
			}
		}
		return cty.StringVal(uuid.NewSHA1(space, []byte(args[1].AsString())).String()), nil
	},
})
