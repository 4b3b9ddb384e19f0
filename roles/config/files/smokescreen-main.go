// Smokescreen entrypoint for a plain HTTP proxy: every request gets the static "default" ACL
// role. Upstream derives the role from a TLS client certificate, which a plain HTTP_PROXY
// client never sends, so upstream's main would reject every connection.
package main

import (
	"net/http"

	"github.com/stripe/smokescreen/cmd"
	"github.com/stripe/smokescreen/pkg/smokescreen"
)

func main() {
	conf, err := cmd.NewConfiguration(nil, nil)
	if err != nil {
		panic(err)
	}
	conf.RoleFromRequest = func(req *http.Request) (string, error) {
		return "default", nil
	}
	if err := smokescreen.StartWithConfig(conf, nil); err != nil {
		panic(err)
	}
}
