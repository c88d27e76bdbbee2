// Package webtest holds the API checks that every server of adviz's handler
// must pass: the native server (httptest with go-graphviz, in web's tests)
// and the Cloudflare worker in a local workerd (wrangler dev, in
// wasm/worker's tests). Both run the same table, Checks, so the two servers
// answer the same URLs the same way; the only differences allowed are
// written in the table (PNG is 501 in the worker).
package webtest

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Server is a running server under test.
type Server struct {
	Name   string // "native" or "worker", for messages
	URL    string // base URL without a trailing slash, e.g. http://127.0.0.1:8787
	Worker bool   // the Cloudflare worker: no PNG
	Client *http.Client
}

// Response is an answer, read in full.
type Response struct {
	Status int
	Header http.Header
	Body   []byte
}

// Do sends one request. path includes the query.
func (s *Server) Do(method, path string, header map[string]string) (*Response, error) {
	req, err := http.NewRequest(method, s.URL+path, nil)
	if err != nil {
		return nil, err
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	c := s.Client
	if c == nil {
		c = &http.Client{Timeout: 60 * time.Second}
	}
	res, err := c.Do(req)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		return nil, err
	}
	return &Response{Status: res.StatusCode, Header: res.Header, Body: body}, nil
}

// Get is Do("GET", path, nil).
func (s *Server) Get(path string) (*Response, error) { return s.Do("GET", path, nil) }

// ErrorBody is the JSON body of an error response.
type ErrorBody struct {
	Error string `json:"error"`
	Param string `json:"param"`
	Line  int    `json:"line"`
	Col   int    `json:"col"`
	Caret string `json:"caret"`
}

// DecodeError decodes an error body.
func DecodeError(r *Response) (*ErrorBody, error) {
	var e ErrorBody
	if err := json.Unmarshal(r.Body, &e); err != nil {
		return nil, fmt.Errorf("error body is not JSON: %v: %.200q", err, r.Body)
	}
	if e.Error == "" {
		return nil, fmt.Errorf("error body has no error message: %.200q", r.Body)
	}
	return &e, nil
}

// Q builds an API path with a query from key, value pairs, in order.
func Q(path string, kv ...string) string {
	if len(kv) == 0 {
		return path
	}
	var b strings.Builder
	b.WriteString(path)
	for i := 0; i+1 < len(kv); i += 2 {
		if i == 0 {
			b.WriteByte('?')
		} else {
			b.WriteByte('&')
		}
		b.WriteString(url.QueryEscape(kv[i]))
		b.WriteByte('=')
		b.WriteString(url.QueryEscape(kv[i+1]))
	}
	return b.String()
}

// SVGNode is a node of a Graphviz SVG: its id and the texts in it, in
// document order.
type SVGNode struct {
	ID    string
	Texts []string
}

// SVGNodes lists the nodes (<g class="node">) of a Graphviz SVG with their
// texts. Two SVGs of the same graph drawn by different Graphviz builds
// have the same list when they show the same nodes and numbers.
func SVGNodes(svg []byte) ([]SVGNode, error) {
	d := xml.NewDecoder(bytes.NewReader(svg))
	d.Strict = true
	var nodes []SVGNode
	depth := 0     // depth of <g> elements
	nodeDepth := 0 // depth of the open node's <g>, 0 if none
	inText := false
	var text strings.Builder
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("SVG is not well-formed XML: %v", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "g":
				depth++
				if nodeDepth == 0 && hasClass(t, "node") {
					nodeDepth = depth
					nodes = append(nodes, SVGNode{ID: attr(t, "id")})
				}
			case "text":
				inText = true
				text.Reset()
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "g":
				if depth == nodeDepth {
					nodeDepth = 0
				}
				depth--
			case "text":
				inText = false
				if nodeDepth != 0 {
					n := &nodes[len(nodes)-1]
					n.Texts = append(n.Texts, strings.TrimSpace(text.String()))
				}
			}
		case xml.CharData:
			if inText {
				text.Write(t)
			}
		}
	}
	if len(nodes) == 0 {
		return nil, fmt.Errorf("SVG has no <g class=\"node\">")
	}
	return nodes, nil
}

func attr(e xml.StartElement, name string) string {
	for _, a := range e.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

func hasClass(e xml.StartElement, class string) bool {
	for _, c := range strings.Fields(attr(e, "class")) {
		if c == class {
			return true
		}
	}
	return false
}

// SameNodes reports how two node lists differ, or nil.
func SameNodes(a, b []SVGNode) error {
	if len(a) != len(b) {
		return fmt.Errorf("%d nodes against %d", len(a), len(b))
	}
	for i := range a {
		if a[i].ID != b[i].ID {
			return fmt.Errorf("node %d: id %q against %q", i, a[i].ID, b[i].ID)
		}
		if strings.Join(a[i].Texts, "|") != strings.Join(b[i].Texts, "|") {
			return fmt.Errorf("node %s: texts %q against %q", a[i].ID, a[i].Texts, b[i].Texts)
		}
	}
	return nil
}
