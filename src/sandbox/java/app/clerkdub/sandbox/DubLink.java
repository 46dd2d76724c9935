package app.clerkdub.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;

/** A sandbox short link, and its {@code link} object as {@code POST /track/lead} answers it. */
public record DubLink(String id, String domain, String key, String url) {

    public String shortLink() {
        return "https://" + domain + "/" + key;
    }

    public Map<String, Object> toJson() {
        Map<String, Object> link = new LinkedHashMap<>();
        link.put("id", id);
        link.put("domain", domain);
        link.put("key", key);
        link.put("shortLink", shortLink());
        link.put("url", url);
        link.put("partnerId", null);
        link.put("programId", null);
        link.put("tenantId", null);
        link.put("externalId", null);
        return link;
    }
}
