package app.clerkdub.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;

import app.clerkdub.dub.DubErrorBody;

/** An HTTP answer of the sandbox Dub: a status and a JSON body in Dub's shapes. */
record DubReply(int status, Object body) {

    static DubReply lead(String clickId, DubLink link, DubCustomer customer) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("click", Map.of("id", clickId));
        answer.put("link", link == null ? null : link.toJson());
        answer.put("customer", customer);
        return new DubReply(200, answer);
    }

    /** Dub's {@code doc_url} replaces only the first underscore of the code. */
    static DubReply error(int status, String code, String message) {
        return new DubReply(status, new DubErrorBody(new DubErrorBody.Error(code, message,
                "https://dub.co/docs/api-reference/errors#" + code.replaceFirst("_", "-"))));
    }
}
