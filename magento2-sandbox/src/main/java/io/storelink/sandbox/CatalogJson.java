package io.storelink.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;

/**
 * Renders products ({@code GET /V1/products}) and store views and configs ({@code GET /V1/store/*}).
 * Bundles carry shipment_type, sku_type and price_type as custom attributes (docs/magento2-rest-api.md §3.4).
 */
final class CatalogJson {
    private CatalogJson() {}

    static ObjectNode product(Catalog catalog, Product product) {
        ObjectNode json = Json.object();
        json.put("id", product.id());
        json.put("sku", product.sku());
        json.put("name", product.name());
        json.put("attribute_set_id", product.bundle() != null ? 15 : 4);
        Json.putNumber(json, "price", product.price());
        json.put("status", 1);
        json.put("visibility", catalog.configurableParentOf(product.id()).isPresent() ? 1 : 4);
        json.put("type_id", product.typeId());
        json.put("created_at", "2024-01-15 09:00:00");
        json.put("updated_at", "2024-01-15 09:00:00");
        if (!product.isVirtual() && product.weight() > 0) {
            Json.putNumber(json, "weight", product.weight());
        }
        ObjectNode extension = json.putObject("extension_attributes");
        extension.putArray("website_ids").add(1);
        if (product.bundle() != null) {
            ArrayNode options = extension.putArray("bundle_product_options");
            for (Product.Selection selection : product.bundle().selections()) {
                ObjectNode option = Json.object().put("option_id", selection.optionId()).put("type", "select")
                        .put("required", true).put("sku", product.sku());
                ObjectNode link = Json.object().put("id", Long.toString(selection.selectionId()))
                        .put("sku", catalog.byId(selection.productId()).map(Product::sku).orElse(""));
                Json.putNumber(link, "qty", selection.qty());
                link.put("is_default", true);
                option.putArray("product_links").add(link);
                options.add(option);
            }
        }
        if (!product.childIds().isEmpty()) {
            ArrayNode links = extension.putArray("configurable_product_links");
            product.childIds().forEach(links::add);
        }
        json.putArray("product_links");
        json.putArray("options");
        json.putArray("media_gallery_entries");
        json.putArray("tier_prices");
        ArrayNode attributes = json.putArray("custom_attributes");
        attributes.add(attribute("url_key", product.sku().toLowerCase(java.util.Locale.ROOT)));
        if (product.qtyDecimal()) {
            attributes.add(attribute("is_qty_decimal", "1"));
        }
        if (product.bundle() != null) {
            attributes.add(attribute("shipment_type", product.bundle().shipSeparately() ? "1" : "0"));
            attributes.add(attribute("sku_type", product.bundle().fixedSku() ? "1" : "0"));
            attributes.add(attribute("price_type", product.bundle().fixedPrice() ? "1" : "0"));
            attributes.add(attribute("price_view", "0"));
        }
        return json;
    }

    static Object productField(Catalog catalog, Product product, String field) {
        switch (field) {
            case "entity_id":
            case "id":
                return product.id();
            case "sku": return product.sku();
            case "name": return product.name();
            case "type_id": return product.typeId();
            case "price": return product.price();
            default: return OrderJson.scalar(product(catalog, product).get(field));
        }
    }

    static ArrayNode storeViews() {
        ArrayNode views = Json.array();
        for (StoreView store : StoreView.ALL) {
            views.add(Json.object().put("id", store.id()).put("code", store.code()).put("name", store.name())
                    .put("website_id", store.id() == 0 ? 0 : 1).put("store_group_id", store.id() == 0 ? 0 : 1)
                    .put("is_active", 1));
        }
        return views;
    }

    static ArrayNode storeConfigs(URI baseUrl) {
        ArrayNode configs = Json.array();
        String base = baseUrl + "/";
        for (StoreView store : StoreView.ALL) {
            if (store.id() == 0) {
                continue;
            }
            configs.add(Json.object().put("id", store.id()).put("code", store.code()).put("website_id", 1)
                    .put("locale", store.locale()).put("base_currency_code", "USD")
                    .put("default_display_currency_code", store.displayCurrency()).put("timezone", store.timezone())
                    .put("weight_unit", store.countryId().equals("US") ? "lbs" : "kgs")
                    .put("base_url", base).put("base_link_url", base).put("base_static_url", base + "static/")
                    .put("base_media_url", base + "media/").put("secure_base_url", base)
                    .put("secure_base_link_url", base).put("secure_base_static_url", base + "static/")
                    .put("secure_base_media_url", base + "media/"));
        }
        return configs;
    }

    private static ObjectNode attribute(String code, String value) {
        return Json.object().put("attribute_code", code).put("value", value);
    }
}
