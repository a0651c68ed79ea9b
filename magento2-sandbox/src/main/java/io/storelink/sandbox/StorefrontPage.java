package io.storelink.sandbox;

/** HTML a Magento storefront would serve: what a client gets from a wrong base URL or a misrouted request. */
final class StorefrontPage {
    private StorefrontPage() {}

    static HttpResponse home() {
        return HttpResponse.html(200, page("Home Page", "<h1 class=\"page-title\">Home Page</h1>"
                + "<p>Welcome to the Luma store.</p>"));
    }

    static HttpResponse notFound() {
        return HttpResponse.html(404, page("404 Not Found", "<h1 class=\"page-title\">Whoops, our bad...</h1>"
                + "<p>The page you requested was not found, and we have a fine guess why.</p>"));
    }

    private static String page(String title, String content) {
        return "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
                + "<meta name=\"title\" content=\"" + title + "\"/>\n<title>" + title + "</title>\n"
                + "<link rel=\"stylesheet\" type=\"text/css\" media=\"all\" href=\"/static/frontend/Magento/luma/en_US/css/styles-m.css\" />\n"
                + "<script type=\"text/x-magento-init\">{\"*\": {\"Magento_PageCache/js/form-key-provider\": {}}}</script>\n"
                + "</head>\n<body data-container=\"body\" class=\"cms-index-index page-layout-1column\">\n"
                + "<div class=\"page-wrapper\"><header class=\"page-header\"><a class=\"logo\" href=\"/\" title=\"\">"
                + "<img src=\"/static/frontend/Magento/luma/en_US/images/logo.svg\" alt=\"\"/></a></header>\n"
                + "<main id=\"maincontent\" class=\"page-main\">" + content + "</main>\n"
                + "<footer class=\"page-footer\"><small class=\"copyright\"><span>Copyright © 2013-present Magento, Inc. "
                + "All rights reserved.</span></small></footer></div>\n</body>\n</html>\n";
    }
}
